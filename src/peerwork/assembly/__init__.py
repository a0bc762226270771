"""Team assembly: the best, explained peer team for every engagement.

A pure-Python package (no Django): plain data in, assignments and explanations
out. The ``matching`` app encodes its records into the JSON instance of
``docs/team-assembly.md`` and saves the answer through a service.

    from peerwork.assembly import solve
    result = solve(instance, mode="propose", time_limit=5, alternates=3)

``solve`` returns the contract's output (status, objective, bound, gap,
seconds, assignments with score breakdowns, unfilled places with reasons) plus
optional fields: ``mode``, ``places``, ``filled``, ``bound_scope``,
``bound_unpruned``, ``eligible_pairs``, ``variables``, ``notes``,
``conflicts`` (why an instance is infeasible), ``alternates``, and per
assignment ``locked``, per unfilled place ``relax`` (the rules to relax).
Optional instance fields this package reads are listed in ``instance.py``.
"""

from peerwork.assembly.flow import NotPureAssignment, solve_flow
from peerwork.assembly.greedy import greedy, violations
from peerwork.assembly.instance import Instance, InstanceError, validate
from peerwork.assembly.modes import MODES, solve

__all__ = [
    "MODES",
    "Instance",
    "InstanceError",
    "NotPureAssignment",
    "greedy",
    "solve",
    "solve_flow",
    "validate",
    "violations",
]
