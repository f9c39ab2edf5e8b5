"""Form widgets: labelled selects, hidden fields, the state form and removable chips."""

from __future__ import annotations

from levande.dashboard.components.forms import (
    choice_set,
    hidden_field,
    removable_chips,
    select_field,
    state_form,
)
from tests.unit.dashboard.tree import find, of_type, text


def test_a_select_has_its_label_and_the_chosen_option() -> None:
    field = select_field("kommun", "Kommun", [("", "Ingen"), ("0180", "Stockholm")], "0180")
    label = of_type(field, "Label")[0]
    select = find(field, "choose-kommun")
    assert label.htmlFor == "choose-kommun" and select.name == "kommun"
    assert [o.value for o in of_type(select, "Option") if o.selected] == ["0180"]
    nothing = select_field("kommun", "Kommun", [("", "Ingen"), ("0180", "Stockholm")], None)
    assert [o.value for o in of_type(nothing, "Option") if o.selected] == [""]


def test_option_groups_and_extra_attributes() -> None:
    field = select_field(
        "add_place",
        "Lägg till",
        [("", "Välj")],
        None,
        groups=[("Län", [("01", "Stockholms län")])],
        extra={"data-append-to": "places"},
    )
    group = of_type(field, "Optgroup")[0]
    assert group.label == "Län" and of_type(group, "Option")[0].value == "01"
    props = find(field, "choose-add_place").to_plotly_json()["props"]
    assert props["data-append-to"] == "places"


def test_hidden_fields_keep_parameters() -> None:
    kept = hidden_field("peers", None)
    assert (kept.type, kept.name, kept.value, kept.id) == ("hidden", "peers", "", "keep-peers")
    anonymous = hidden_field("lang", "en", keep_id=False)
    assert "id" not in anonymous.to_plotly_json()["props"]


def test_the_state_form_is_a_get_form_the_script_finds() -> None:
    form = state_form("/jamfor", "en", [choice_set("Places", ["x"])], [hidden_field("a", "1")])
    props = form.to_plotly_json()["props"]
    assert (form.id, form.method, form.action, props["data-state-form"]) == (
        "state-form",
        "get",
        "/jamfor",
        "1",
    )
    assert text(of_type(form, "Legend")) == "Places"
    assert text(of_type(form, "Button")) == "Show"  # submits the same address


def test_chips_link_to_the_address_without_them() -> None:
    chips = removable_chips(
        [("0180", "Stockholm", "/jamfor?places=2180")],
        lang="sv",
        field="places",
        id_prefix="remove-places",
        list_id="chosen-places",
    )
    link = find(chips, "remove-places-0180")
    assert link.href == "/jamfor?places=2180" and "Stockholm" in text(link)
    assert link.to_plotly_json()["props"]["data-inplace"] == "places"
    nothing = removable_chips([], lang="sv", field="places", id_prefix="x", list_id="y")
    assert nothing is None
