"""A small valid catalogue in the real YAML layout, written by tests into a temporary folder.

It covers each kind of source mapping: a municipal-only Kolada KPI (county and national values
as unweighted means), a Kolada KPI for all levels split by gender, one with a target, and an
SCB table with a selection.
"""

from __future__ import annotations

from pathlib import Path

GOAL = """\
goal:
  text_sv: Sveriges städer ska utvecklas till levande, trygga och robusta städer.
  text_en: Sweden's cities shall develop into lively, safe and resilient cities.
  ambition_sv: Sverige ska vara ett föregångsland för hållbar utveckling av attraktiva städer.
  ambition_en: Sweden shall lead in the sustainable development of attractive cities.
  source_document: Skr. 2024/25:96
  decided: 2025-01-30
  wording_status: reconstructed
  wording_note_sv: Rekonstruerad formulering.
  wording_note_en: Reconstructed wording.
"""

SOURCES = """\
sources:
  - id: kolada
    name: Kolada
    credit_sv: "Källa: Kolada"
    credit_en: "Source: Kolada"
    homepage: https://www.kolada.se
    licence: Kolada terms of use
  - id: scb
    name: SCB
    credit_sv: "Källa: SCB"
    credit_en: "Source: Statistics Sweden (SCB)"
    homepage: https://www.scb.se
    licence: CC0
"""

FOCUS_AREAS = """\
focus_areas:
  - id: FA01
    pillar: levande
    strategy_section: "3.1"
    name_sv: Livskvalitet som draglok för Sveriges städer
    name_en: Quality of life as the driving force of Sweden's cities
    name_status: verified
    description_sv: Invånarnas livskvalitet.
    description_en: Residents' quality of life.
    subgoals:
      - id: FA01-D1
        text_sv: Livskvaliteten ökar.
        text_en: Quality of life rises.
        proposed_by: project
  - id: FA06
    pillar: levande
    strategy_section: "3.6"
    name_sv: Förutsättningar för en levande stad
    name_en: Preconditions for a living city
    name_status: verified
    description_sv: Bostäder och befolkning.
    description_en: Housing and population.
    subgoals:
      - id: FA06-D1
        text_sv: Bostadsbyggandet möter behoven.
        text_en: Housing construction meets needs.
        proposed_by: project
      - id: FA06-D2
        text_sv: Befolkningen växer.
        text_en: Population grows.
        proposed_by: project
"""

INDICATORS_FA01 = """\
indicators:
  - id: livskvalitet-kommunindex
    focus_area: FA01
    subgoals: [FA01-D1]
    source: kolada
    source_id: N00310
    title_sv: Livskvalitet – kommunindex
    title_en: Quality of life – municipal index
    description_sv: Sammanvägt index för livskvalitet.
    description_en: Composite quality-of-life index.
    unit_sv: index
    unit_en: index
    direction: higher_is_better
    levels: [riket, lan, kommun]
    municipal_mean_levels: [riket, lan]
    verification: verified
  - id: sjalvskattad-halsa
    focus_area: FA01
    subgoals: [FA01-D1]
    source: kolada
    source_id: U01405
    title_sv: Invånare med bra självskattat hälsotillstånd
    title_en: Residents with good self-rated health
    description_sv: Andel som skattar sin hälsa som bra.
    description_en: Share rating their health as good.
    unit_sv: procent
    unit_en: per cent
    direction: higher_is_better
    levels: [riket, lan, kommun]
    gender: true
"""

INDICATORS_FA06 = """\
indicators:
  - id: trangboddhet
    focus_area: FA06
    subgoals: [FA06-D1]
    source: kolada
    source_id: N07907
    title_sv: Trångboddhet
    title_en: Overcrowding
    description_sv: Andel trångbodda.
    description_en: Share living in overcrowded homes.
    unit_sv: procent
    unit_en: per cent
    direction: lower_is_better
    levels: [riket, lan, kommun]
    target:
      value: 10
      year: 2030
  - id: folkmangd
    focus_area: FA06
    subgoals: [FA06-D2]
    source: scb
    source_id: TAB638
    scb:
      selection:
        ContentsCode: [BE0101N1]
      region_variable: Region
      time_variable: Tid
      gender_variable: Kon
      gender_codes: {T: "1+2", K: "2", M: "1"}
    title_sv: Folkmängd
    title_en: Population
    description_sv: Antal invånare den 31 december.
    description_en: Number of inhabitants on 31 December.
    unit_sv: antal
    unit_en: number
    decimals: 0
    direction: neutral
    levels: [riket, lan, kommun]
    gender: true
"""

REGIONS = """\
regions:
  all_municipalities_group: G2328
  county_group_suffix: "läns kommuner (ovägt medel)"
  skr_groups:
    - code: A1
      kolada_group: G92787
      name_sv: Storstäder
      name_en: Large cities
    - code: B3
      kolada_group: G92790
      name_sv: Större stad
      name_en: Medium-sized town
"""

SCHEDULE = """\
schedule:
  timezone: Europe/Stockholm
  jobs:
    - id: kolada-nightly
      job: kolada
      cron: "15 2 * * *"
      max_age_hours: 26
    - id: scb-daily
      job: scb
      cron: "30 6 * * 1-5"
"""


def write_sample_catalogue(folder: Path) -> Path:
    """Write the sample catalogue into ``folder`` and return it."""
    (folder / "indicators").mkdir(parents=True, exist_ok=True)
    (folder / "goal.yaml").write_text(GOAL, encoding="utf-8")
    (folder / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (folder / "focus_areas.yaml").write_text(FOCUS_AREAS, encoding="utf-8")
    (folder / "indicators" / "fa01.yaml").write_text(INDICATORS_FA01, encoding="utf-8")
    (folder / "indicators" / "fa06.yaml").write_text(INDICATORS_FA06, encoding="utf-8")
    (folder / "regions.yaml").write_text(REGIONS, encoding="utf-8")
    (folder / "schedule.yaml").write_text(SCHEDULE, encoding="utf-8")
    return folder
