"""The demo's reports, their sections, numbered recommendations, the council's
factual-accuracy comments and its action plan, built unsaved and written in bulk.

A report's sections follow the engagement's agreed themes, as
`reports.services.report_start` opens them.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from peerwork.accounts.models import User
from peerwork.demo.history.texts import (
    FAMILIES,
    FAMILY_WORDS,
    LETTER_SUMMARY,
    OPEN_COMMENTS,
    PROGRESS_NOTES,
    PROGRESS_STATEMENTS,
    RESOLVED_COMMENTS,
    REVIEW_FINDINGS,
    REVIEW_RECOMMENDATIONS,
    REVIEW_SUMMARY,
    SUMMARIES,
)
from peerwork.offers.models import Stage
from peerwork.reports.lifecycle import report_move
from peerwork.reports.models import (
    AccuracyComment,
    Action,
    Recommendation,
    Report,
    ReportStatusChange,
    Section,
)


def family(heading: str) -> str:
    lowered = heading.lower()
    for name, words in FAMILY_WORDS:
        if any(word in lowered for word in words):
            return name
    return "general"


def headings(engagement) -> list[str]:
    """As `reports.services.report_start` opens a report: a section per agreed theme."""
    found = list(engagement.help_with or engagement.offer.themes)
    if engagement.local_focus:
        found.append(f"Local focus: {engagement.local_focus}")
    return found or ["Findings"]


def _fill(text: str, *, name: str, heading: str) -> str:
    topic = heading.removeprefix("Local focus: ").lower()
    return text.format(name=name, topic=topic)


@dataclass
class Writing:
    """Reports and everything under them, built unsaved and written with bulk_create."""

    rng: random.Random
    today: datetime.date
    now: datetime.datetime
    staff: User
    reports: list[Report] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    comments: list[AccuracyComment] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    changes: list[ReportStatusChange] = field(default_factory=list)
    # auto_now_add and auto_now fields are set by the database write; put them back after.
    stamps: list[tuple[object, str, datetime.datetime]] = field(default_factory=list)
    # What the council will do about each recommendation, once it writes its plan.
    planned: dict[int, tuple[str, str]] = field(default_factory=dict)

    def engagement_reports(self, *, engagement, reached: str, entry: dict, review_at, commenter):
        """The reports an engagement that has reached `reached` would have by now."""
        stages, order = engagement.offer.stages, list(Stage.values)
        at = order.index(reached)
        if Stage.REPORT_DRAFTING in stages:
            if at >= order.index(Stage.REPORT_DRAFTING):
                self._main_report(engagement, reached, entry, commenter)
        elif Stage.FEEDBACK_GIVEN in stages and at >= order.index(Stage.FEEDBACK_GIVEN):
            # No report stages (a remote panel): the feedback letter is the report.
            self._letter(engagement, entry.get(Stage.DELIVERY), entry[Stage.FEEDBACK_GIVEN])
        if review_at is not None:
            self._review_report(engagement, review_at)

    def _report(self, engagement, kind, started, **fields) -> Report:
        """A draft, as `reports.services.report_start` opens it."""
        report = Report(engagement=engagement, kind=kind, **fields)
        self.reports.append(report)
        self.changes.append(
            ReportStatusChange(report=report, to_status=report.status, by=self.staff, at=started)
        )
        return report

    def _move_on(self, report, *, leaving, at) -> None:
        """Sent or published, through the report's transition table."""
        self.changes.append(
            report_move(report, leaving=leaving, by=self.staff, at=at, commit=False)
        )

    def _sections(self, report, engagement, *, written: int | None = None) -> list[Section]:
        """Sections with findings (the first `written` only, for a draft) and 2 to 4
        recommendations across them, numbered in section order."""
        rng, name = self.rng, engagement.council.short_name
        made = []
        for order, heading in enumerate(headings(engagement)):
            bank = FAMILIES[family(heading)]
            section = Section(report=report, order=order, heading=heading)
            if written is None or order < written:
                picked = rng.sample(bank["findings"], min(2, len(bank["findings"])))
                section.findings = "\n\n".join(_fill(t, name=name, heading=heading) for t in picked)
                section.strengths = _fill(rng.choice(bank["strengths"]), name=name, heading=heading)
                if bank["notable"] and rng.random() < 0.3:
                    section.notable_practice = _fill(
                        rng.choice(bank["notable"]), name=name, heading=heading
                    )
            made.append(section)
        self.sections += made
        filled = [s for s in made if s.findings] or made
        count = rng.randint(2, 4)
        chosen = sorted(rng.choice(range(len(filled))) for _ in range(count))
        for index in chosen:
            section = filled[index]
            bank = FAMILIES[family(section.heading)]
            used = [r for r in self.recommendations if r.section is section]
            options = [r for r in bank["recommendations"] if r[0] not in {u.text for u in used}]
            text, action, owner = rng.choice(options or bank["recommendations"])
            recommendation = Recommendation(
                section=section,
                order=len(used),
                text=_fill(text, name=name, heading=section.heading),
            )
            self.planned[id(recommendation)] = (
                _fill(action, name=name, heading=section.heading),
                owner,
            )
            self.recommendations.append(recommendation)
        return made

    def _comment(self, section, *, by, at, text, resolution="", resolved_at=None):
        comment = AccuracyComment(section=section, by=by, text=text)
        if resolution:
            comment.resolution, comment.resolved_by = resolution, self.staff
            comment.resolved_at = resolved_at
        self.comments.append(comment)
        self.stamps.append((comment, "at", at))

    def _main_report(self, engagement, reached, entry, commenter):
        rng, order = self.rng, list(Stage.values)
        at = order.index(reached)
        report = self._report(
            engagement,
            Report.Kind.REPORT,
            entry[Stage.REPORT_DRAFTING],
            summary=rng.choice(SUMMARIES).format(name=engagement.council.short_name),
        )
        if reached == Stage.REPORT_DRAFTING:
            report.summary = ""
            self._sections(report, engagement, written=2)
            return
        sections = self._sections(report, engagement)
        sent = entry[Stage.FACTUAL_ACCURACY_CHECK]
        self._move_on(report, leaving=Report.Status.DRAFT, at=sent)
        report.version = 2 + len(sections)
        if reached == Stage.FACTUAL_ACCURACY_CHECK:
            when = min(sent + datetime.timedelta(days=rng.randint(1, 6)), self.now)
            self._comment(
                rng.choice(sections), by=commenter, at=when, text=rng.choice(OPEN_COMMENTS)
            )
            return
        self._move_on(report, leaving=Report.Status.ACCURACY_CHECK, at=entry[Stage.PUBLISHED])
        span = (report.published_at - sent).total_seconds()
        for text, resolution in rng.sample(RESOLVED_COMMENTS, rng.randint(0, 2)):
            when = sent + datetime.timedelta(seconds=span * rng.uniform(0.1, 0.5))
            self._comment(
                rng.choice(sections),
                by=commenter,
                at=when,
                text=text,
                resolution=resolution,
                resolved_at=when + datetime.timedelta(seconds=span * rng.uniform(0.1, 0.4)),
            )
        recommendations = [r for r in self.recommendations if r.section in sections]
        if at >= order.index(Stage.ACTION_PLAN_PUBLISHED):
            report.action_plan_published_at = entry[Stage.ACTION_PLAN_PUBLISHED]
            reviewed = at >= order.index(Stage.PROGRESS_REVIEW)
            self._actions(recommendations, report.action_plan_published_at, reviewed=reviewed)
        else:
            # The council is writing its plan: about half the actions are in.
            half = recommendations[: max(1, len(recommendations) // 2)]
            self._actions(half, report.published_at, reviewed=False)

    def _actions(self, recommendations, since, *, reviewed: bool):
        rng = self.rng
        start = timezone.localdate(since)
        # A plan published a while ago has at least one action past its date, not done.
        late = (self.today - start).days > 90
        for recommendation in recommendations:
            text, owner = self.planned[id(recommendation)]
            due = start + datetime.timedelta(days=rng.randint(45, 420))
            if late:
                due = start + datetime.timedelta(days=rng.randint(45, 80))
                status = rng.choice(["in_progress", "not_started"])
                late = False
            elif due < self.today:
                status = rng.choices(["done", "in_progress", "not_started"], [55, 30, 15])[0]
            else:
                status = rng.choices(["done", "in_progress", "not_started"], [10, 55, 35])[0]
            action = Action(
                recommendation=recommendation,
                action=text,
                owner=owner,
                due_on=due,
                status=status,
                progress_notes=rng.choice(PROGRESS_NOTES) if status == "in_progress" else "",
                progress_statement=rng.choice(PROGRESS_STATEMENTS) if reviewed else "",
            )
            self.actions.append(action)
            updated = since + datetime.timedelta(days=rng.randint(1, 120))
            self.stamps.append((action, "updated_at", min(updated, self.now)))

    def _letter(self, engagement, started, sent):
        """Written during delivery; sending it publishes it."""
        report = self._report(
            engagement, Report.Kind.FEEDBACK_LETTER, started or sent, summary=LETTER_SUMMARY
        )
        self._move_on(report, leaving=Report.Status.DRAFT, at=sent)
        self._sections(report, engagement)

    def _review_report(self, engagement, published):
        rng, name = self.rng, engagement.council.short_name
        main = next(r for r in self.reports if r.engagement is engagement)
        sent = published - datetime.timedelta(days=rng.randint(10, 20))
        # Opened once the visit is written up, the evening before it is sent.
        started = sent - datetime.timedelta(hours=12)
        report = self._report(
            engagement,
            Report.Kind.PROGRESS_REVIEW,
            started,
            summary=REVIEW_SUMMARY.format(name=name),
        )
        self._move_on(report, leaving=Report.Status.DRAFT, at=sent)
        self._move_on(report, leaving=Report.Status.ACCURACY_CHECK, at=published)
        sections = []
        for original in [s for s in self.sections if s.report is main]:
            section = Section(
                report=report,
                order=original.order,
                heading=original.heading,
                findings=_fill(rng.choice(REVIEW_FINDINGS), name=name, heading=original.heading),
            )
            sections.append(section)
        self.sections += sections
        for text in rng.sample(REVIEW_RECOMMENDATIONS, 2):
            section = rng.choice(sections)
            order = sum(1 for r in self.recommendations if r.section is section)
            self.recommendations.append(Recommendation(section=section, text=text, order=order))

    def save(self) -> None:
        Report.objects.bulk_create(self.reports)
        ReportStatusChange.objects.bulk_create(self.changes)
        Section.objects.bulk_create(self.sections)
        Recommendation.objects.bulk_create(self.recommendations)
        AccuracyComment.objects.bulk_create(self.comments)
        Action.objects.bulk_create(self.actions)
        for obj, name, value in self.stamps:
            setattr(obj, name, value)
        AccuracyComment.objects.bulk_update(self.comments, ["at"], batch_size=500)
        Action.objects.bulk_update(self.actions, ["updated_at"], batch_size=500)
