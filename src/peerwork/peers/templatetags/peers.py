from django import template

from peerwork.peers.presenters import peer_summary_rows

register = template.Library()


@register.inclusion_tag("peers/includes/summary.html")
def peer_summary(peer, show_special, diversity=None):
    return {"rows": peer_summary_rows(peer, show_special=show_special, diversity=diversity)}
