"""Django form fields drawn as the matching GOV.UK components."""

from django import forms

from peerwork.core.govuk import render_field


class ThemesForm(forms.Form):
    many = forms.MultipleChoiceField(
        label="Themes",
        choices=[("a", "Governance"), ("b", "Finance")],
        widget=forms.CheckboxSelectMultiple,
    )
    one = forms.ChoiceField(
        label="Status", choices=[("x", "Open"), ("y", "Done")], widget=forms.RadioSelect
    )


def test_a_multiple_choice_is_drawn_as_checkboxes_not_radios():
    # CheckboxSelectMultiple subclasses RadioSelect; choosing two must stay possible.
    html = render_field(ThemesForm(initial={"many": ["a", "b"]})["many"])

    assert html.count('type="checkbox"') == 2
    assert 'type="radio"' not in html
    assert html.count("checked") == 2


def test_a_single_choice_is_drawn_as_radios():
    html = render_field(ThemesForm()["one"])

    assert html.count('type="radio"') == 2
    assert 'type="checkbox"' not in html
