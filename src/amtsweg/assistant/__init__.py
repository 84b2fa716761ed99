"""Bürger- und Fachassistent: cited answers over law texts, service descriptions and the authority's pages."""
