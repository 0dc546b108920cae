"""Index names: sorted and printed by family name, particles and family-first names handled."""
from __future__ import annotations

from program.layout.collate import sort_names
from program.layout.names import index_name


def test_family_name_first_with_particles_after_the_given_names():
    assert index_name("Guido van Rossum").printed == "Rossum, Guido van"
    assert index_name("Ursula von der Leyen").printed == "Leyen, Ursula von der"
    assert index_name("Martin Luther King Jr.").printed == "King, Martin Luther, Jr."
    assert index_name("Joelle Pineau").letter == "P"


def test_names_entered_family_first_or_in_cjk_script_stay_as_written():
    assert index_name("O'Brien, Siobhán").printed == "O'Brien, Siobhán"
    assert index_name("Siobhán O'Brien").printed == "O'Brien, Siobhán"  # prints like the other
    assert index_name("毛泽东").printed == "毛泽东"
    assert index_name("Plato").printed == "Plato"


def test_the_index_order_is_by_family_name():
    names = ["Zoe Adams", "Adam Zielinski", "Guido van Rossum", "Łukasz Kaiser", "Ana de la Cruz"]
    keys = {index_name(n).key: n for n in names}
    order = [keys[k] for k in sort_names(list(keys))]
    assert order == ["Zoe Adams", "Ana de la Cruz", "Łukasz Kaiser", "Guido van Rossum",
                     "Adam Zielinski"]
    assert index_name("Łukasz Kaiser").letter == "K"
