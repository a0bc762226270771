from peerwork.impact.surveys.presenters import result
from peerwork.impact.surveys.selectors import Figure


def test_shares_are_shown_with_one_decimal_place_at_most():
    assert result(Figure("positive_impact", "yes_no", 200, share_yes=197 / 200)) == (
        "98.5% said yes"
    )
    assert result(Figure("positive_impact", "yes_no", 2, share_yes=1 / 2)) == "50% said yes"
    assert result(Figure("satisfaction", "scale5", 3, mean=11 / 3, share_satisfied=2 / 3)) == (
        "66.7% satisfied (4 or 5); mean 3.7 out of 5"
    )


def test_a_figure_no_one_answered_reads_no_data():
    assert result(Figure("positive_impact", "yes_no", 0)) == "No data"
    assert result(Figure("satisfaction", "scale5", 0)) == "No data"
    assert result(Figure("comments", "text", 1)) == "1 comment"
