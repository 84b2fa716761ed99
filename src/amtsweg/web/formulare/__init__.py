"""Form parsing and validation for the citizen portal: raw form values in, Haushalt JSON out, and
German error messages keyed by the form field (so templates can link them with aria-describedby)."""
