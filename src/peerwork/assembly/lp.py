"""The linear relaxation of a run's model, solved by GLOP, for big batches.

Team assembly is close to a transportation problem, so its linear relaxation
is nearly integral (on the benchmark's year, the LP bound is within 0.2 % of
the integer optimum). GLOP solves it in a second or two where CP-SAT's own LP,
inside its search, takes much longer at this size. The solver uses it three
ways:

- its value is an upper bound on the model's optimum, reported as the bound;
- rounding it (the start heuristic taking LP values first) gives a start close
  to the optimum;
- reduced-cost fixing: a variable at 0 in the LP whose reduced cost exceeds the
  gap between the LP bound and the start can be 1 in no solution better than
  the start, so CP-SAT never sees it. This is exact, not a heuristic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import ortools.linear_solver.linear_solver_pb2 as linear_solver_pb2
from ortools.linear_solver.python import model_builder_helper

if TYPE_CHECKING:
    from peerwork.assembly.solver import Model

INFINITY = math.inf
_TYPE = linear_solver_pb2.MPModelRequest
ENGINES = {
    "glop": (_TYPE.GLOP_LINEAR_PROGRAMMING, ""),
    # The score LP with its "fill at least k places" row is slow for the primal
    # simplex (35 s on the benchmark's year) and quick for the dual (5 s).
    "glop_dual": (
        _TYPE.GLOP_LINEAR_PROGRAMMING,
        "use_dual_simplex: true perturb_costs_in_dual_simplex: true",
    ),
}


@dataclass
class Relaxation:
    values: np.ndarray  # per model column
    reduced: np.ndarray  # reduced costs (maximising: <= 0 at a lower bound)
    value: float  # the LP optimum
    bound: int  # the LP optimum, rounded down to an integer that is still an upper bound


def relax(
    model: Model,
    objective: np.ndarray,
    *,
    at_least: tuple[np.ndarray, int] | None = None,
    time_limit: float = 30.0,
    engine: str = "glop",
) -> Relaxation | None:
    """Maximise ``objective`` (one coefficient per column) over the model's LP relaxation.

    ``at_least=(columns, k)`` adds "the sum of these columns is at least k".
    Returns None if GLOP does not reach an optimum (the caller carries on
    without the LP).
    """
    request = linear_solver_pb2.MPModelRequest()
    request.solver_type = ENGINES[engine][0]
    if ENGINES[engine][1]:
        request.solver_specific_parameters = ENGINES[engine][1]
    request.solver_time_limit_seconds = time_limit
    lp = request.model
    lp.maximize = True
    fixed = set(model.fixed_one)
    for column in range(model.columns):
        variable = lp.variable.add()
        variable.lower_bound = 1.0 if column in fixed else 0.0
        variable.upper_bound = 1.0
        variable.objective_coefficient = float(objective[column])
    rows = list(model.rows)
    if at_least is not None:
        at_least_columns, k = at_least
        rows.append((at_least_columns.tolist(), [1] * len(at_least_columns), k, INFINITY))
    for columns, coefficients, lower, upper in rows:
        constraint = lp.constraint.add()
        constraint.var_index.extend(columns)
        constraint.coefficient.extend(coefficients)
        constraint.lower_bound = lower
        constraint.upper_bound = upper
    solver = model_builder_helper.ModelSolverHelper(engine.split("_")[0])
    answer = solver.solve_serialized_request(request.SerializeToString())
    response = linear_solver_pb2.MPSolutionResponse.FromString(answer)
    if response.status != linear_solver_pb2.MPSOLVER_OPTIMAL:
        return None
    value = response.objective_value
    # GLOP's tolerances are about 1e-7 relative: leave that much room before rounding down.
    bound = math.floor(value + 1e-6 * max(1.0, abs(value)))
    return Relaxation(
        values=np.asarray(response.variable_value, float),
        reduced=np.asarray(response.reduced_cost, float),
        value=value,
        bound=bound,
    )
