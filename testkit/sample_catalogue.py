"""A small valid catalogue in the real YAML layout, written by tests into a temporary folder.

It covers each kind of source mapping: a municipal-only Kolada KPI (county and national values
as unweighted means), a Kolada KPI for all levels split by gender, one with a target, and an
SCB table with a selection. Its sub-goals come from a framework in ``frameworks.yaml``, and a
few entries carry maintainer notes, which must never reach the database or a page. With
``context=True`` it also holds a context group with one context indicator, which replaces a
retired focus area.
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
  maintainer_notes: Läst i en sammanfattning av skrivelsen; stäm av mot skrivelsens avsnitt 1.1.
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
  - id: FA06
    pillar: levande
    strategy_section: "3.6"
    name_sv: Förutsättningar för en levande stad
    name_en: Preconditions for a living city
    name_status: verified
    description_sv: Bostäder och befolkning.
    description_en: Housing and population.
    maintainer_notes: Rubriken är läst i skrivelsens innehållsförteckning.
"""

FRAMEWORKS = """\
frameworks:
  in_force: produktens-forslag
  sets:
    - id: produktens-forslag
      version: "1"
      origin: project
      name_sv: Produktens förslag till delmål
      name_en: The product's proposed sub-goals
      subgoals:
        - id: FA01-D1
          focus_area: FA01
          text_sv: Livskvaliteten ökar.
          text_en: Quality of life rises.
        - id: FA06-D1
          focus_area: FA06
          text_sv: Bostadsbyggandet möter behoven.
          text_en: Housing construction meets needs.
        - id: FA06-D2
          focus_area: FA06
          text_sv: Befolkningen växer.
          text_en: Population grows.
          maintainer_notes: Formuleringen väntar på rådets förslag.
"""

CONTEXT_GROUPS = """\
context_groups:
  - id: forutsattningar
    strategy_section: "3.6"
    name_sv: Förutsättningar och sammanhang
    name_en: Conditions and context
    description_sv: Befolkning, bostäder och arbete som ramar in målet.
    description_en: Population, housing and jobs that frame the goal.
    replaces: [FA09]
"""

INDICATORS_CONTEXT = """\
indicators:
  - id: befolkningsforandring
    context_group: forutsattningar
    source: kolada
    source_id: N01963
    source_title: Befolkningsförändring i antal invånare sedan föregående år, procent
    title_sv: Befolkningsförändring
    title_en: Population change
    description_sv: Förändringen i antal invånare sedan föregående år.
    description_en: The change in the number of inhabitants since the previous year.
    unit_sv: procent
    unit_en: per cent
    direction: neutral
    levels: [riket, lan, kommun]
    gender: true
    maintainer_notes: Koladas typ A, könsuppdelat enligt KPI-listan.
"""

INDICATORS_FA01 = """\
indicators:
  - id: livskvalitet-kommunindex
    focus_area: FA01
    subgoals: [FA01-D1]
    source: kolada
    source_id: N00310
    source_title: Livskvalitet - Kommunindex
    title_sv: Livskvalitet – kommunindex
    title_en: Quality of life – municipal index
    description_sv: Sammanvägt index för livskvalitet.
    description_en: Composite quality-of-life index.
    unit_sv: index
    unit_en: index
    direction: higher_is_better
    headline: true
    levels: [riket, lan, kommun]
    municipal_mean_levels: [riket, lan]
    verification: verified
  - id: sjalvskattad-halsa
    focus_area: FA01
    subgoals: [FA01-D1]
    source: kolada
    source_id: U01405
    source_title: Invånare med bra självskattat hälsotillstånd, andel (%)
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
    source_title: Trångboddhet i flerbostadshus, enligt norm 2, andel (%)
    title_sv: Trångboddhet
    title_en: Overcrowding
    description_sv: Andel trångbodda.
    description_en: Share living in overcrowded homes.
    unit_sv: procent
    unit_en: per cent
    direction: lower_is_better
    headline: true
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
    maintainer_notes: Koderna lästa ur tabellens metadata (BefolkningNy).
"""

REGIONS = """\
regions:
  all_municipalities_group: G2328
  county_group_suffix: "läns kommuner (ovägt medel)"
  map_insets:
    - id: stockholm
      name_sv: Stockholms län
      name_en: Stockholm County
      municipalities: ["0114", "0180"]
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


def write_sample_catalogue(folder: Path, *, context: bool = False) -> Path:
    """Write the sample catalogue into ``folder`` and return it.

    Args:
        folder: where to write (created when missing).
        context: also write a context group with one context indicator.
    """
    (folder / "indicators").mkdir(parents=True, exist_ok=True)
    (folder / "goal.yaml").write_text(GOAL, encoding="utf-8")
    (folder / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (folder / "focus_areas.yaml").write_text(FOCUS_AREAS, encoding="utf-8")
    (folder / "frameworks.yaml").write_text(FRAMEWORKS, encoding="utf-8")
    if context:
        (folder / "context_groups.yaml").write_text(CONTEXT_GROUPS, encoding="utf-8")
        (folder / "indicators" / "sammanhang.yaml").write_text(INDICATORS_CONTEXT, encoding="utf-8")
    (folder / "indicators" / "fa01.yaml").write_text(INDICATORS_FA01, encoding="utf-8")
    (folder / "indicators" / "fa06.yaml").write_text(INDICATORS_FA06, encoding="utf-8")
    (folder / "regions.yaml").write_text(REGIONS, encoding="utf-8")
    (folder / "schedule.yaml").write_text(SCHEDULE, encoding="utf-8")
    return folder


VERIFIED_GOAL = """\
goal:
  text_sv: Sveriges städer ska utvecklas till levande, trygga och robusta städer.
  text_en: Sweden's cities shall develop into lively, safe and resilient cities.
  ambition_sv: Sverige ska vara ett föregångsland för hållbar utveckling av attraktiva städer.
  ambition_en: Sweden shall lead in the sustainable development of attractive cities.
  source_document: Skr. 2024/25:96
  sources:
    - title_sv: Regeringens pressmeddelande om strategin
      title_en: The Government's press release on the strategy (in Swedish)
      url: https://www.regeringen.se/pressmeddelanden/2025/02/strategi/
    - title_sv: Skr. 2024/25:96 Ny strategi för levande och trygga städer
      title_en: Government communication Skr. 2024/25:96 (in Swedish)
      url: https://www.regeringen.se/skr-2024-25-96.pdf
  translation: product
  decided: 2025-01-30
  wording_status: verified
  maintainer_notes: Läst ordagrant i pressmeddelandet; kontrollera mot skrivelsens avsnitt 1.1.
"""

STRATEGY_CONTEXT_GROUPS = """\
context_groups:
  - id: forutsattningar
    strategy_section: "3.6"
    name_sv: Förutsättningar och sammanhang
    name_en: Conditions and context
    heading_sv: Förutsättningar för en levande stad
    heading_en: Conditions for a living city
    description_sv: Befolkning, bostäder och arbete som ramar in målet.
    description_en: Population, housing and jobs that frame the goal.
    replaces: [FA09]
    maintainer_notes: Avsnitt 3.6 är inget av de tretton områdena; se config/focus_areas.yaml.
"""


def write_strategy_sample(folder: Path) -> Path:
    """The sample catalogue shaped like the strategy's.

    A verified goal with linked sources, an area with its skrivelse heading and a statistics
    gap, and a context group holding the population indicator (so the fakes of
    testkit/world.py serve every indicator).

    Args:
        folder: where to write (created when missing).
    """
    write_sample_catalogue(folder)
    (folder / "goal.yaml").write_text(VERIFIED_GOAL, encoding="utf-8")
    (folder / "context_groups.yaml").write_text(STRATEGY_CONTEXT_GROUPS, encoding="utf-8")
    areas = FOCUS_AREAS.replace(
        "    description_en: Residents' quality of life.\n",
        "    description_en: Residents' quality of life.\n"
        "    heading_sv: Livskvalitet som draglok för Sveriges städer\n"
        "    heading_en: Quality of life as the driving force of Sweden's cities\n"
        "    statistics_gap_sv: Det finns ännu ingen nationell statistik per kommun om ensamhet.\n"
        "    statistics_gap_en: There is not yet any national statistic per municipality on "
        "loneliness.\n"
        "    name_status: working_title\n",
    ).replace(
        "    name_status: verified\n    description_sv: Invånarnas",
        "    description_sv: Invånarnas",
    )
    (folder / "focus_areas.yaml").write_text(areas, encoding="utf-8")
    indicators = INDICATORS_FA06.replace(
        "    focus_area: FA06\n    subgoals: [FA06-D2]\n", "    context_group: forutsattningar\n"
    )
    (folder / "indicators" / "fa06.yaml").write_text(indicators, encoding="utf-8")
    return folder
