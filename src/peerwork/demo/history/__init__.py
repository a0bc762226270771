"""Several years of demo engagements: every active offer at every stage it uses.

Planned in memory, then written with bulk_create. Going through the services for
some 150 engagements and a thousand status moves would take minutes, and
`engagements.team.candidates` costs about a tenth of a second a place. So the plan
keeps, set-based, the rules those services and the team search keep:

- a team member is active, of the place's kind, has its skills and (where the place
  asks) an accreditation valid on the dates, has no conflict with the council (read
  from `peers.selectors.conflicts_for_peers`, the one conflicts selector), is not
  away on the dates, and stays within their engagements and peer days for the
  April-March year, counted as `engagements.team.load_by_peer` counts them;
- nobody is booked on two sessions on the same day (on SQLite nothing else would
  refuse it), or on a day they are away;
- the status history walks the offer's stages in order, as the transition table does.
"""

from peerwork.demo.history.making import demo_history_load

__all__ = ["demo_history_load"]
