"""Who may do what: every role set and every rule about people, in one place.

Views ask these predicates before showing a page or a button; services ask them again
before changing anything, so a command, a background task or the API that calls a
service cannot skip a rule.
"""

from peerwork.accounts.models import MANAGER_ROLES, STAFF_ROLES, Role

__all__ = ["CASE_ROLES", "FIGURE_READERS", "MANAGER_ROLES", "STAFF_ROLES"]

# Those who follow an engagement as a case: the association's staff and the council.
CASE_ROLES = STAFF_ROLES | {Role.COUNCIL_CONTACT}
# Those who read the programme's figures: the annual report and the quarterly return.
FIGURE_READERS = STAFF_ROLES | {Role.BOARD_MEMBER}
