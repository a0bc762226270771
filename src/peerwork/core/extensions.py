"""Extension points: how a lower app's page shows what only a higher app knows.

peerwork's apps are layered, and an app never imports one above it (imports inside
functions included):

    demo > home > matching > impact > programmes > reports > engagements > peers
    > offers > councils > accounts > core

(`assembly`, the solver, imports nothing of peerwork; `settings`, `urls`, `wsgi` and
`cli` may import anything.) When a page of a lower app must show something a higher
app knows, such as the council page listing the council's engagements, or the
engagement page linking to its reports and showing their deadlines, the lower app
declares a named ExtensionPoint in its `extensions` module and calls it like a
function; the higher app fills it, once, in its AppConfig.ready(). A point that
nothing filled fails loudly instead of leaving a section of a page silently empty.

News of something that happened travels up the same way as a Django signal sent by
the lower app: `engagements.signals.engagement_moved`, which impact receives to send
its surveys when an engagement closes.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

POINTS: list["ExtensionPoint"] = []


class ExtensionPoint:
    def __init__(self, name: str, doc: str):
        self.name = name
        self.__doc__ = doc
        self._function: Callable | None = None
        POINTS.append(self)

    @property
    def filled(self) -> bool:
        return self._function is not None

    def fill(self, function: Callable) -> Callable:
        """Answer this point with `function`; only one app may answer it."""
        if self._function is not None and self._function is not function:
            raise ImproperlyConfigured(
                f"The extension point {self.name} is already filled by "
                f"{self._function.__module__}.{self._function.__qualname__}."
            )
        self._function = function
        return function

    def __call__(self, *args, **kwargs):
        if self._function is None:
            raise ImproperlyConfigured(
                f"Nothing fills the extension point {self.name}: the app that answers it "
                "must be in INSTALLED_APPS and fill it in its AppConfig.ready()."
            )
        return self._function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<ExtensionPoint {self.name}>"
