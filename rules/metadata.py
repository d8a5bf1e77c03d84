"""Stage: rules — plan metadata: date, form, signatories, relation to the national plan.

The seed report weighs these next to the scores: plans from before December 2022 cannot refer to
the national action plan; a wethouder with Wonen in the portfolio signing the plan is a sign the
housing side owns it; a few paragraphs in a budget are not an action plan. The words used to
recognise each fact live in the rubric (`plan_metadata`), so analysts can extend them.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from omslag.extract.models import CELL_SEPARATOR, Document
from omslag.rules.calendar import DUTCH_MONTHS, YEAR_RANGE
from omslag.rules.models import Evidence, PlanMetadata, Signatory
from omslag.rules.nlp import fold
from omslag.rules.rubric import OutcomeRules, PeriodRules, Rubric, SignatureRules
from omslag.rules.targets import Target

_MONTHS = {name: number for number, name in enumerate(DUTCH_MONTHS, start=1)}
_MONTH_ALT = "|".join(_MONTHS)
_FULL_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_ALT})\s+(20\d\d|19\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_ALT})\s+(20\d\d|19\d\d)\b")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _phrase_regex(phrases: list[str]) -> re.Pattern:
    parts = [r"\s+".join(re.escape(w) for w in fold(p).split()) for p in phrases]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def _folded_pages(document: Document) -> list[tuple[int, str]]:
    return [(p.number, " ".join(fold(p.text).split())) for p in document.text_pages]


def find_plan_date(document: Document) -> tuple[str | None, str]:
    """The manifest's date wins; otherwise the first full Dutch date on the first two pages,
    then a 'maand jaar' date (taken as the first of that month)."""
    manifest_date = (document.meta.date or "").strip()
    if _ISO_DATE.match(manifest_date):
        return manifest_date, "manifest"
    pages = _folded_pages(document)[:2]
    for _, text in pages:
        match = _FULL_DATE.search(text)
        if match:
            day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
            try:
                return date(year, month, day).isoformat(), "tekst"
            except ValueError:
                continue
    for _, text in pages:
        match = _MONTH_YEAR.search(text)
        if match:
            return date(int(match.group(2)), _MONTHS[match.group(1)], 1).isoformat(), "tekst"
    return None, "onbekend"


_TITLE = r"(?:mw|mevr|dhr|drs|dr|mr|ir|ing|prof|ds)\.?"
_INITIALS = r"(?:[A-Z]\.(?:-?[A-Z]\.)*)"
_PARTICLE = r"(?:van|de|der|den|het|ten|ter|te|el|al|la|le|du|da|dos|op|in|'t)"
_NAME_WORD = r"(?:[A-ZÀ-Ý][a-zà-ÿı'’]+(?:-(?:(?:de|van|den|der)-?)?[A-ZÀ-Ýa-zà-ÿ][a-zà-ÿı'’]*)*)"
_NAME_TOKEN = re.compile(rf"^(?:{_TITLE}|{_INITIALS}|\([A-ZÀ-Ý][a-zà-ÿ]+\)|{_PARTICLE}|{_NAME_WORD})$")
_STARTS_PERSON = re.compile(rf"^(?:{_TITLE}|{_INITIALS})$")


def _name_tokens(line: str) -> list[str] | None:
    """The tokens of a line that holds only person names ("drs. M.L. (Marieke) Stoffels
    A.H. (Arjen) Boswijk"), or None: no commas, no role words, at least one surname."""
    tokens = line.split()
    if not 2 <= len(tokens) <= 16 or "," in line:
        return None
    if not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    if not any(re.match(_NAME_WORD + "$", t) for t in tokens):
        return None
    return tokens


def _split_names(tokens: list[str], count: int) -> list[str]:
    """Persons on one line: a new one starts at a title or initials after a surname; without
    initials ("Marloes Tiemens-de Boer Jeroen Hakkaart") the line is cut into `count` names
    of at least two words, never after a particle."""
    names: list[list[str]] = []
    seen_surname = False
    for token in tokens:
        if _STARTS_PERSON.match(token) and (not names or seen_surname):
            names.append([token])
            seen_surname = False
            continue
        if not names:
            names.append([])
        names[-1].append(token)
        if re.match(_NAME_WORD + "$", token) and not re.fullmatch(_PARTICLE, token):
            seen_surname = True
    if len(names) == count or any(_STARTS_PERSON.match(t) for t in tokens):
        return [" ".join(n) for n in names]
    if count <= 1:
        return [" ".join(tokens)]

    # no initials: try the cuts that give `count` parts of >= 2 words not ending in a particle
    def cuts(words: list[str], parts: int) -> list[list[list[str]]]:
        if parts == 1:
            ok = len(words) >= 2 and not re.fullmatch(_PARTICLE, words[-1]) and not words[-1].endswith("-de")
            return [[words]] if ok else []
        out = []
        for i in range(2, len(words) - 1):
            head = words[:i]
            if re.fullmatch(_PARTICLE, head[-1]) or head[-1].lower().endswith(("-de", "-van", "-den")):
                continue
            out += [[head, *rest] for rest in cuts(words[i:], parts - 1)]
        return out

    options = cuts(tokens, count)
    if len(options) >= 1:
        # the most even cut: two-word first names are rarer than two-word surnames
        best = min(options, key=lambda parts: max(len(p) for p in parts) - min(len(p) for p in parts))
        return [" ".join(p) for p in best]
    return [" ".join(tokens)]


_BROKEN_WORD = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]{2,})-([a-zà-ÿ]{3,})\b")


def _unbreak(text: str) -> str:
    """Undo a line break inside a word of a narrow table cell: "Armoede en Schuld-hulpverlening"
    → "Schuldhulpverlening" when the first part is a Dutch word on its own (names and English
    terms keep their hyphen: "Housing First-team")."""
    import simplemma

    def join(match: re.Match) -> str:
        left, right = match.group(1), match.group(2)
        return left + right if simplemma.is_known(left.lower(), lang="nl") else match.group(0)

    return _BROKEN_WORD.sub(join, text)


class _SignatureParser:
    def __init__(self, rules: SignatureRules):
        self.rules = rules
        roles = sorted((fold(r) for r in rules.roles), key=len, reverse=True)
        role_alt = "|".join(r"\s+".join(re.escape(w) for w in r.split()) for r in roles)
        self.role_at_start = re.compile(rf"^(?:de\s+|het\s+)?({role_alt})(?=[\s,]|$)")
        # a second role on the same line: "wethouder Zorg en Gezondheid wethouder Wonen en Ruimte"
        # but not after a comma without "de": "gemeente Zoutmeer, voorzitter" is an addition,
        # "de secretaris, de burgemeester" two roles
        self.role_inside = re.compile(rf"(?:(?<=\s)de\s+|(?<![,\s])\s+|(?<=[^,]\s))(?:{role_alt})(?=[\s,]|$)")
        self.starts = _phrase_regex(rules.block_starts)
        self.not_roles = _phrase_regex(rules.not_roles) if rules.not_roles else None
        self.forewords = _phrase_regex(rules.foreword_headings) if rules.foreword_headings else None
        self.ends = _phrase_regex(rules.portfolio_ends) if rules.portfolio_ends else None
        self.portfolio_roles = {fold(r) for r in rules.portfolio_roles}
        self.housing = _phrase_regex(rules.housing_words)
        self.not_housing = _phrase_regex(rules.not_housing_phrases) if rules.not_housing_phrases else None

    def split_roles(self, line: str) -> list[str]:
        folded = fold(line)
        if not self.role_at_start.match(folded):
            return []
        if self.not_roles is not None and self.not_roles.match(" ".join(folded.split())):
            return []
        first = self.role_at_start.match(folded)
        after_first = first.end() if first else 0
        cuts = [0, *(m.start() for m in self.role_inside.finditer(folded) if m.start() >= after_first), len(line)]
        return [line[a:b].strip() for a, b in itertools.pairwise(cuts) if line[a:b].strip()]

    def signatory(self, name: str, role_text: str, source: str, page: int) -> Signatory:
        text = " ".join(role_text.split()).strip(" ,;")
        folded = fold(text)
        match = self.role_at_start.match(folded)
        role = match.group(1) if match else ""
        rest = text[match.end() :].strip(" ,") if match else text
        portfolio, organisation = rest, ""
        if role in self.portfolio_roles and self.ends is not None:
            # the portfolio stops at ", gemeente …", ", namens …", ", voorzitter …"
            for end in self.ends.finditer(fold(rest)):
                if rest[: end.start()].rstrip().endswith(","):
                    portfolio, organisation = rest[: end.start()].rstrip(" ,"), rest[end.start() :]
                    break
        elif role not in self.portfolio_roles:
            portfolio, organisation = "", rest
        return Signatory(
            name=" ".join(name.split()),
            role=role,
            portfolio=_unbreak(portfolio),
            organisation=organisation.strip(" ,"),
            source=source,
            page=page,
            wonen=self.is_housing(role, portfolio),
        )

    def is_housing(self, role: str, portfolio: str) -> bool:
        """Wonen in de portefeuille: a housing word in the portfolio once phrases like
        'beschermd wonen' are taken out; nothing nearby counts."""
        if role not in self.portfolio_roles or not portfolio:
            return False
        folded = " ".join(fold(portfolio).split())
        if self.not_housing is not None:
            folded = self.not_housing.sub(" ", folded)
        return self.housing.search(folded) is not None

    def block_lines(self, document: Document) -> list[tuple[int, list[str]]]:
        """Lines after each signature-block start, up to 30 lines (into the next page when
        the block begins at the bottom of a page)."""
        pages = document.text_pages
        # a signature block laid out as a table reaches us with its cells joined by " | "
        # (extract/clean.py): each cell is read as a line of its own, as the layout shows it
        page_lines = [
            (p.number, [cell.strip() for ln in p.text.splitlines() for cell in ln.split(CELL_SEPARATOR)]) for p in pages
        ]
        blocks = []
        for index, (number, lines) in enumerate(page_lines):
            for at, line in enumerate(lines):
                if not self.starts.search(" ".join(fold(line).split())):
                    continue
                block = [ln for ln in lines[at + 1 : at + 31] if ln]
                if len(block) < 30 and index + 1 < len(page_lines):
                    block += [ln for ln in page_lines[index + 1][1] if ln][: 30 - len(block)]
                blocks.append((number, block))
        # signatures usually stand at the end, also without a heading or greeting above them
        if page_lines:
            number, lines = page_lines[-1]
            blocks.append((number, [ln for ln in lines if ln][-30:]))
        return blocks

    def _continues(self, previous: str, line: str, following: str | None) -> bool:
        """A line that carries on the role above it: the role line ended with a comma or an
        unfinished phrase ("gemeente"), and what follows is another role, names or the end."""
        if previous.rstrip().endswith(","):
            return True
        if len(line) > 80:
            return False
        return following is None or bool(self.split_roles(following)) or _name_tokens(following) is not None

    def parse_block(self, lines: list[str], page: int) -> list[Signatory]:
        items: list[tuple[str, list[str]]] = []
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if (
                items
                and items[-1][0] == "roles"
                and items[-1][1][-1].rstrip().endswith(",")
                and _name_tokens(line) is None
            ):
                items[-1][1][-1] += " " + line  # "…, gemeente Lindhove," / "voorzitter overleg …"
                continue
            roles = self.split_roles(line)
            if roles:
                if (items and items[-1][0] == "roles" and not items[-1][1][-1].rstrip().endswith((",",))) or (
                    items and items[-1][0] == "roles"
                ):
                    items[-1][1].extend(roles)
                else:
                    items.append(("roles", roles))
                continue
            tokens = _name_tokens(line)
            if tokens is not None:
                items.append(("names", [" ".join(tokens)]))
                continue
            if items and items[-1][0] == "roles" and self._continues(items[-1][1][-1], line, following):
                items[-1][1][-1] += " " + line  # the role went on on the next line
            elif items and items[-1][0] == "roles":
                items.append(("prose", []))
        found: list[Signatory] = []
        i = 0
        while i < len(items):
            kind, values = items[i]
            next_item = items[i + 1] if i + 1 < len(items) else None
            if kind == "names" and next_item and next_item[0] == "roles":
                roles, names_line = next_item[1], values[0]
            elif kind == "roles" and next_item and next_item[0] == "names":
                roles, names_line = values, next_item[1][0]
            else:
                i += 1
                continue
            names = _split_names(names_line.split(), len(roles))
            if len(names) == len(roles):
                found += [self.signatory(n, r, "ondertekening", page) for n, r in zip(names, roles, strict=True)]
            i += 2
        return found

    def foreword_author(self, document: Document) -> list[Signatory]:
        """'Marloes Tiemens-de Boer, wethouder Wonen en Volkshuisvesting, gemeente Zoutmeer'
        under a foreword."""
        if self.forewords is None:
            return []
        found = []
        for page in document.text_pages[:6]:
            lines = [ln.strip() for ln in page.text.splitlines() if ln.strip()]
            if not any(self.forewords.fullmatch(" ".join(fold(ln).split())) for ln in lines[:3]):
                continue
            for line in lines:
                name, sep, role_text = line.partition(",")
                if sep and _name_tokens(name.strip()) is not None and self.split_roles(role_text.strip()):
                    found.append(self.signatory(name, role_text, "voorwoord", page.number))
            # or as a small block at the end of the foreword: a name, and the role below it
            for signer in self.parse_block(lines[-8:], page.number):
                found.append(signer.model_copy(update={"source": "voorwoord"}))
        return found


def find_signatories(document: Document, rules: SignatureRules | None) -> list[Signatory]:
    """Persons who sign the plan (signature block) or write its foreword, with role and
    portfolio; a role without a person's name next to it is not a signatory."""
    if rules is None:
        return []
    parser = _SignatureParser(rules)
    found: dict[tuple[str, str], Signatory] = {}
    for signer in parser.foreword_author(document):
        found.setdefault((signer.name, signer.role), signer)
    for page, lines in parser.block_lines(document):
        for signer in parser.parse_block(lines, page):
            found.setdefault((signer.name, signer.role), signer)
    return list(found.values())


def co_signing_wonen(evidence: list[Evidence], rules: SignatureRules | None) -> bool:
    """Running text that says a wethouder with Wonen in the portfolio signs or co-owns the
    plan ("de wethouder Wonen tekent mee"); "de wethouder Wonen bedankt de medewerkers" does not."""
    if rules is None or not rules.co_signing_phrases or rules.co_signing_signal is None:
        return False
    parser = _SignatureParser(rules)
    co_signing = _phrase_regex(rules.co_signing_phrases)
    for item in evidence:
        if item.signal != rules.co_signing_signal or item.negated:
            continue
        folded = " ".join(fold(item.sentence).split())
        if not co_signing.search(folded):
            continue
        # the portfolio is the capitalised words right after "wethouder" in the original
        for match in re.finditer(
            r"\b[Ww]ethouder\s+((?:[A-ZÀ-Ý][\w-]*)(?:(?:\s*,\s*|\s+en\s+)[A-ZÀ-Ý][\w-]*)*)", item.sentence
        ):
            if parser.is_housing("wethouder", match.group(1)):
                return True
    return False


_PERIOD = re.compile(YEAR_RANGE)


def find_plan_period(document: Document, rules: PeriodRules) -> tuple[int | None, int | None, str]:
    """The years a plan covers ('Regionaal Actieplan 2023-2026'): title first, then the first
    pages. A plan of a progress report ('Voortgangsrapportage 2024 Regionaal Plan 2023-2027')
    covers the plan's period."""
    sources = [("manifest", document.meta.title or "")]
    sources += [("tekst", p.text) for p in document.text_pages[: rules.pages]]
    for source, text in sources:
        for match in _PERIOD.finditer(text):
            start, end = int(match.group(1)), int(match.group(2))
            if rules.min_years <= end - start <= rules.max_years:
                return start, end, source
    return None, None, "onbekend"


def outcome_monitoring(
    document: Document, rules: OutcomeRules | None, targets: list[Target], progress_report: bool = False
) -> tuple[list[str], bool]:
    """Which of the seed report's outcome indicators the plan monitors or sets a target on,
    and whether it speaks of monitoring at all while naming none (process only)."""
    if rules is None:
        return [], False
    monitoring = _phrase_regex(rules.monitoring_words)
    target_units = {t.unit for t in targets if t.kind == "target"}
    found: list[str] = []
    sentences = [
        " ".join(fold(s).split()) for p in document.text_pages for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", p.text)
    ]
    # a progress report is monitoring from start to end
    monitored = sentences if progress_report else [s for s in sentences if monitoring.search(s)]
    for indicator in rules.indicators:
        terms = _phrase_regex(indicator.terms)
        if target_units & set(indicator.target_units) or any(terms.search(s) for s in monitored):
            found.append(indicator.id)
    return found, bool(monitored) and not found


def find_plan_form(document: Document, rubric: Rubric, evidence: list[Evidence]) -> str:
    rules = rubric.plan_metadata
    pages = document.text_pages
    # What the analyst wrote in the manifest wins over what the first page says.
    sources = [document.meta.doc_type or "", document.meta.title or "", pages[0].text[:400] if pages else ""]
    # A long document that discusses homelessness on few of its pages is part of a broader plan
    # (a budget, an annual report), whatever its title says about itself.
    part = rules.part_of_broader_plan
    if len(pages) >= part.min_pages:
        pages_with_evidence = {e.page for e in evidence if e.polarity != "neutral"}
        if len(pages_with_evidence) / len(pages) < part.max_share:
            return part.form
    for source in sources:
        folded = fold(source)
        for form in rules.forms:
            if _phrase_regex(form.terms).search(folded):
                return form.form
    return rules.unknown_form.form


def plan_metadata(
    document: Document, rubric: Rubric, evidence: list[Evidence], targets: list[Target] | None = None
) -> PlanMetadata:
    rules = rubric.plan_metadata
    plan_date, source = find_plan_date(document)
    predates = "onbekend" if plan_date is None else ("ja" if plan_date < rules.national_plan_date else "nee")
    folded = " ".join(text for _, text in _folded_pages(document))
    lines = [line.id for line in rules.action_lines if _phrase_regex(line.terms).search(folded)]
    nad_reference = any(e.signal == rules.nad_reference_signal and not e.negated for e in evidence)
    signers = find_signatories(document, rules.signatures)
    wethouder_wonen = any(s.wonen for s in signers) or co_signing_wonen(evidence, rules.signatures)
    period_start, period_end, period_source = find_plan_period(document, rules.periods)
    form = find_plan_form(document, rubric, evidence)
    progress_report = form in {f.form for f in rules.forms if f.progress_report}
    outcomes, output_only = outcome_monitoring(
        document, rules.outcome_indicators, targets or [], progress_report=progress_report
    )
    return PlanMetadata(
        plan_date=plan_date,
        plan_date_source=source,
        predates_nad=predates,
        nad_reference=nad_reference,
        nad_action_lines=lines,
        signatories=[s.display for s in signers],
        signers=signers,
        wethouder_wonen=wethouder_wonen,
        plan_form=form,
        period_start=period_start,
        period_end=period_end,
        period_source=period_source,
        outcome_indicators=outcomes,
        output_only=output_only,
    )
