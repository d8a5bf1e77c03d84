"""The term audit (bench/term_audit.py): which words of a text each one-word term catches beyond
itself, so analysts can find false friends such as "aansluiting" for `sluiting`."""

from __future__ import annotations

from bench.term_audit import audit, main, read_texts


def test_the_audit_lists_compounds_and_lemma_forms_not_the_term_itself(finder, tmp_path):
    text = tmp_path / "plan.txt"
    text.write_text(
        "De nachtopvang sluit. In aansluiting op de nachtopvang bieden we opvang. De opvangen blijven.",
        encoding="utf-8",
    )
    caught, examples = audit(finder, read_texts([text]))
    by_phrase = {phrase: words for (_, _, phrase), words in caught.items()}
    assert by_phrase["opvang"]["nachtopvang"] == 2  # a compound, counted
    assert "opvang" not in by_phrase["opvang"] and "opvangen" not in by_phrase["opvang"]  # itself, inflected
    assert examples["nachtopvang"].startswith("plan.txt: De nachtopvang sluit.")


def test_the_audit_reads_passage_sets_and_names_what_it_cannot_find(finder, tmp_path, capsys):
    passages = tmp_path / "passages.jsonl"
    passages.write_text('{"id": "x-1", "text": "De winteropvang gaat open."}\n', encoding="utf-8")
    assert read_texts([passages]) == [("x-1", "De winteropvang gaat open.")]
    assert main([str(tmp_path / "ontbreekt.pdf")]) == 2
    assert "niet gevonden" in capsys.readouterr().err
