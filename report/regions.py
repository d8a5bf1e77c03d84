"""Stage: report — matching plans to the regions of the analysts' regions file.

A plan is matched on its region name *and* its centrumgemeente, and on a member municipality
where the regions file names them. Names differ between sources (youth-care regions use other
names, "Twente" has two centrumregio's), so a name alone that fits more than one region, or a
name that contradicts the plan's centrumgemeente, is not silently taken: the plan stays
unmatched with a Dutch note saying why.
"""

from __future__ import annotations

import re

from omslag.report.load import region_key
from omslag.report.models import RegionEntry

# "Twente (Enschede)", "Vallei / Foodvalley", "Rijk van Nijmegen + Rivierenland (Gelderland-Zuid)"
_ALIAS_SPLIT = re.compile(r"\s+[+/]\s+|\s*[()]\s*")
# "Hoogeveen? (lead municipality not confirmed)" → "Hoogeveen"
_CENTRE_CLEAN = re.compile(r"[?(].*$")


def centre_name(entry: RegionEntry) -> str:
    return _CENTRE_CLEAN.sub("", entry.centrumgemeente).strip() or entry.centrumgemeente


def aliases(entry: RegionEntry) -> set[str]:
    """Every name the region goes by in the file: the full name, its parts and its bracket."""
    names = {region_key(entry.region)}
    names.update(region_key(part) for part in _ALIAS_SPLIT.split(entry.region) if part.strip())
    names.discard("")
    return names


class RegionMatcher:
    """Index of a regions file; `match(region, centrumgemeente)` → (region name or None, note)."""

    def __init__(self, entries: list[RegionEntry]):
        self.entries = entries
        self.by_alias: dict[str, list[RegionEntry]] = {}
        self.by_centre: dict[str, list[RegionEntry]] = {}
        self.by_member: dict[str, list[RegionEntry]] = {}
        for entry in entries:
            for alias in aliases(entry):
                self.by_alias.setdefault(alias, []).append(entry)
            self.by_centre.setdefault(region_key(centre_name(entry)), []).append(entry)
            for member in entry.members:
                self.by_member.setdefault(region_key(member), []).append(entry)

    def _belongs(self, entry: RegionEntry, municipality: str) -> bool:
        key = region_key(municipality)
        return key == region_key(centre_name(entry)) or key in {region_key(m) for m in entry.members}

    def match(self, region: str, centrumgemeente: str = "") -> tuple[str | None, str]:
        name = region_key(region or "")
        centre = region_key(centrumgemeente or "")
        by_name = list({id(e): e for e in self.by_alias.get(name, [])}.values()) if name else []
        if by_name:
            if centre:
                agreeing = [e for e in by_name if self._belongs(e, centrumgemeente)]
                if len(agreeing) == 1:
                    return agreeing[0].region, ""
                if not agreeing and len(by_name) == 1:
                    return None, (
                        f"regionaam '{region}' hoort bij {by_name[0].region} (centrumgemeente "
                        f"{centre_name(by_name[0])}), maar het manifest noemt centrumgemeente '{centrumgemeente}'"
                    )
            if len(by_name) == 1:
                return by_name[0].region, ""
            return None, f"regionaam '{region}' past bij meer regio's: " + ", ".join(e.region for e in by_name)
        # no region name: a centrumgemeente (given, or written as the region: "Regio Zwolle"),
        # then a member municipality
        for key in (centre, name):
            if key and len(self.by_centre.get(key, [])) == 1:
                return self.by_centre[key][0].region, ""
        for key in (centre, name):
            hits = self.by_member.get(key, []) if key else []
            if len(hits) == 1:
                return hits[0].region, ""
            if len(hits) > 1:
                return None, f"gemeente '{region or centrumgemeente}' staat bij meer regio's"
        return None, ""
