"""The rules engine: citations, dated parameters, registry, trace, exact money."""

from amtsweg.rules.engine.fehler import Eingabefehler, ParameterFehler, RegelwerkFehler, RegistryFehler
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace

__all__ = ["Eingabefehler", "Norm", "ParameterFehler", "RegelwerkFehler", "RegistryFehler", "Trace"]
