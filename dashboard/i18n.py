"""Every string of the user interface, in Swedish (the default) and English.

A page asks for a string by key with :func:`t`; a unit test checks that every key has both
languages and the same placeholders in each. Numbers and dates are formatted here too, so that
"65,5" and "65.5" follow the language while the stored value stays untouched.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Final
from zoneinfo import ZoneInfo

LANGUAGES: Final = ("sv", "en")
DEFAULT_LANG: Final = "sv"
STOCKHOLM = ZoneInfo("Europe/Stockholm")

STRINGS: Final[dict[str, tuple[str, str]]] = {
    # Shell
    "product": ("Levande städer", "Living cities"),
    "product_tagline": (
        "Uppföljning av politiken för hållbar stadsutveckling",
        "Follow-up of Sweden's urban-development policy",
    ),
    "skip_to_content": ("Hoppa till innehållet", "Skip to content"),
    "nav_label": ("Huvudmeny", "Main menu"),
    "nav_overview": ("Översikt", "Overview"),
    "nav_accessibility": ("Tillgänglighet", "Accessibility"),
    "switch_language": ("English", "Svenska"),
    "switch_language_label": ("Read in English", "Läs på svenska"),
    "footer_sources": ("Källor", "Sources"),
    "footer_last_refresh": ("Data senast uppdaterad {when}", "Data last refreshed {when}"),
    "footer_never_refreshed": ("Data har ännu inte hämtats", "No data has been fetched yet"),
    "footer_method": ("Metod för status", "Status method"),
    "footer_statement": ("Tillgänglighetsredogörelse", "Accessibility statement"),
    "credit_scb": ("Källa: SCB", "Source: Statistics Sweden (SCB)"),
    "credit_kolada": ("Källa: Kolada", "Source: Kolada"),
    "breadcrumb": ("Du är här", "You are here"),
    # Errors and notices
    "error_title": ("Sidan kunde inte visas", "The page could not be shown"),
    "error_generic": (
        "Något gick fel när sidan skulle visas. Försök igen om en stund.",
        "Something went wrong while showing the page. Please try again shortly.",
    ),
    "error_database": (
        "Uppgifterna går inte att läsa just nu. Försök igen om en stund.",
        "The data cannot be read just now. Please try again in a while.",
    ),
    "method_title": ("Metod för status och jämförelser", "Method for status and comparisons"),
    "method_missing": (
        "Metodbeskrivningen kan inte visas just nu. Försök igen om en stund.",
        "The description of the method cannot be shown just now. Please try again in a while.",
    ),
    "not_found_title": ("Sidan finns inte", "Page not found"),
    "not_found_text": (
        "Adressen leder inte till någon sida här.",
        "The address does not lead to a page here.",
    ),
    "back_to_overview": ("Till översikten", "Go to the overview"),
    "indicator_renamed": (
        "Indikatorn {value} har bytt id och finns nu här:",
        "The indicator {value} has a new id and is now here:",
    ),
    "unknown_indicator": (
        "Det finns ingen indikator med id {value}.",
        "There is no indicator with id {value}.",
    ),
    "unknown_focus_area": (
        "Det finns inget fokusområde med id {value}.",
        "There is no focus area with id {value}.",
    ),
    "notice_title": (
        "Vi kunde inte använda allt i adressen",
        "We could not use all of the address",
    ),
    "notice_intro": (
        "Det som inte gick att tolka har ersatts med standardval:",
        "What could not be understood has been replaced by the default:",
    ),
    "notice_reset": (
        "Visa sidan utan de felaktiga valen",
        "Show the page without the wrong choices",
    ),
    "bad_kommun": (
        "Kommunkoden {value} finns inte.",
        "There is no municipality with code {value}.",
    ),
    "bad_lan": ("Länskoden {value} finns inte.", "There is no county with code {value}."),
    "bad_year": (
        "Året {value} finns inte för den här indikatorn.",
        "The year {value} is not available for this indicator.",
    ),
    "bad_breakdown": (
        "Uppdelningen {value} finns inte för den här indikatorn.",
        "The breakdown {value} is not available for this indicator.",
    ),
    "bad_peer": ("Jämförelsegruppen {value} finns inte.", "There is no peer group {value}."),
    "bad_tab": ("Fliken {value} finns inte.", "There is no tab {value}."),
    "bad_level": ("Nivån {value} finns inte.", "There is no level {value}."),
    "bad_sort": ("Sorteringen {value} finns inte.", "There is no sort order {value}."),
    "bad_lang": (
        "Språket {value} finns inte; sidan visas på svenska.",
        "There is no language {value}; the page is shown in Swedish.",
    ),
    "bad_gender": (
        "Värdet {value} för könsjämförelse är okänt.",
        "The value {value} for gender comparison is unknown.",
    ),
    "bad_months": (
        "Värdet {value} för månader är okänt; årsvärdena visas.",
        "The value {value} for months is unknown; the annual values are shown.",
    ),
    "months_annual": (
        "Källans tabell är månadsvis. Här visas årsvärdet: {month} varje år.",
        "The source's table is monthly. The annual value is shown here: {month} each year.",
    ),
    "months_all": (
        "Alla månader visas. Årsvärdet är {month} varje år.",
        "Every month is shown. The annual value is {month} each year.",
    ),
    "months_show_all": ("Visa alla månader", "Show every month"),
    "months_show_annual": ("Visa bara årsvärden", "Show annual values only"),
    "bad_show": (
        "Visningen {value} finns inte; värdena visas.",
        "There is no display {value}; the values are shown.",
    ),
    "bad_status": (
        "Statusen {value} finns inte; alla platser visas.",
        "There is no status {value}; every place is shown.",
    ),
    # Statuses
    "status_target_achieved": ("Målet nått", "Target achieved"),
    "status_substantial_progress": ("Betydande framsteg", "Substantial progress"),
    "status_moderate_progress": ("Måttliga framsteg", "Moderate progress"),
    "status_limited_progress": ("Begränsade framsteg", "Limited progress"),
    "status_deterioration": ("Försämring", "Deterioration"),
    "status_too_uncertain": ("För osäkert", "Too uncertain"),
    "status_context": ("Sammanhang, ingen bedömning", "Context, not judged"),
    "status_not_available": ("Ej tillgänglig", "Not available"),
    "status_manual": ("satt manuellt", "set manually"),
    "group_improving": ("Förbättras", "Improving"),
    "group_stable": ("Står still", "Stable"),
    "group_worsening": ("Försämras", "Worsening"),
    "group_not_judged": ("Ej bedömda", "Not judged"),
    "group_no_data": ("Saknar data", "No data"),
    "status_label": ("Status", "Status"),
    # Overview
    "overview_title": ("Översikt", "Overview"),
    "goal_heading": ("Nationellt mål för stadsutveckling", "National goal for urban development"),
    "goal_ambition": ("Ambition", "Ambition"),
    "goal_source": ("Källa: {document}, beslutad {date}.", "Source: {document}, decided {date}."),
    "goal_sources": ("Källor", "Sources"),
    "goal_decided": (
        "Regeringen beslutade strategin {date}.",
        "The Government decided the strategy on {date}.",
    ),
    "goal_translation": (
        "Regeringen skriver målet på svenska. Den engelska texten är vår översättning.",
        "The Government writes the goal in Swedish. The English text is our translation.",
    ),
    "goal_missing": (
        "Målet kunde inte läsas från katalogen.",
        "The goal could not be read from the catalogue.",
    ),
    "areas_heading": ("De tretton fokusområdena", "The thirteen focus areas"),
    "areas_heading_n": ("Fokusområden ({n})", "Focus areas ({n})"),
    "areas_intro": (
        "Varje ruta visar hur fokusområdets indikatorer utvecklas i riket (uppdelning totalt) "
        "och hur många kommuner som är på rätt spår.",
        "Each tile shows how the focus area's indicators develop nationally (total breakdown) "
        "and how many municipalities are on track.",
    ),
    "areas_empty": (
        "Det finns inga fokusområden att visa ännu.",
        "There are no focus areas to show yet.",
    ),
    "areas_order": (
        "Fokusområdena står i den ordning regeringen räknar upp dem i strategin.",
        "The focus areas are listed in the order the Government gives them in the strategy.",
    ),
    "context_intro": (
        "Måtten här är inget fokusområde. De visar förutsättningarna som utvecklingen i "
        "fokusområdena sker under och räknas aldrig in i något fokusområdes status.",
        "These measures are no focus area. They show the conditions under which the focus "
        "areas develop and never count in any focus area's status.",
    ),
    "context_all": ("Alla indikatorer i {name}", "All indicators in {name}"),
    "context_group": ("Sammanhangsindikatorer", "Context indicators"),
    "context_indicators_heading": ("Indikatorer", "Indicators"),
    "tile_counts_label": ("Indikatorer i riket", "Indicators nationally"),
    "tile_coverage": ("{n} av {total} indikatorer har data", "{n} of {total} indicators have data"),
    "tile_on_track": (
        "{n} av {total} kommuner på rätt spår",
        "{n} of {total} municipalities on track",
    ),
    "tile_on_track_judged": (
        "({judged} kunde bedömas)",
        "({judged} could be judged)",
    ),
    "on_track_definition": (
        "En kommun är på rätt spår i ett fokusområde när minst hälften av dess bedömda "
        "indikatorer visar betydande eller måttliga framsteg eller nått målet.",
        "A municipality is on track in a focus area when at least half of its judged "
        "indicators show substantial or moderate progress or have met the target.",
    ),
    "status_groups_definition": (
        "Förbättras: målet nått, betydande eller måttliga framsteg. Står still: begränsade "
        "framsteg. Försämras: försämring. Ej bedömda: för osäkert eller en indikator utan "
        "riktning. Saknar data: för lite data.",
        "Improving: target achieved, substantial or moderate progress. Stable: limited "
        "progress. Worsening: deterioration. Not judged: too uncertain or an indicator without "
        "a direction. No data: too little data.",
    ),
    "how_to_read": ("Så läser du översikten", "How to read the overview"),
    # Overview at a glance: bars, orders, the map of municipalities on track
    "goal_read_more": ("Läs hela målet", "Read the whole goal"),
    "bar_status_label": (
        "Fokusområdets {n} indikatorer i riket per status",
        "The focus area's {n} indicators nationally by status",
    ),
    "status_legend_label": ("Statusfärger", "Status colours"),
    "areas_sort_label": ("Ordning:", "Order:"),
    "areas_sort_order": ("Regeringens ordning", "The Government's order"),
    "areas_sort_status": ("Störst andel som förbättras", "Largest share improving"),
    "areas_sort_on_track": (
        "Störst andel kommuner på rätt spår",
        "Largest share of municipalities on track",
    ),
    "col_national_status": ("Indikatorerna i riket", "The indicators nationally"),
    "col_on_track": ("Kommuner på rätt spår", "Municipalities on track"),
    "col_judged": ("Kunde bedömas", "Could be judged"),
    "of_total": ("{n} av {total}", "{n} of {total}"),
    "areas_table_summary": ("Fokusområdena i en tabell", "The focus areas as a table"),
    "areas_table_caption": (
        "Fokusområdenas indikatorer i riket per status, och kommuner på rätt spår",
        "The focus areas' indicators nationally by status, and municipalities on track",
    ),
    "map_overview_heading": ("Kommunerna på kartan", "The municipalities on the map"),
    "headlines_heading": ("Nyckeltal för riket", "Headline indicators for Sweden"),
    "headlines_intro": (
        "Några av strategins indikatorer i korthet: det senaste värdet för hela riket och hur "
        "det har utvecklats. Pilen visar åt vilket håll utvecklingen är bra.",
        "A few of the strategy's indicators at a glance: the latest value for the whole "
        "country and how it has developed. The arrow shows which way is good.",
    ),
    "headline_period": ("({period})", "({period})"),
    "headline_table_summary": ("Värdena i tabell", "The values as a table"),
    "headline_table_caption": ("{title}, riket", "{title}, Sweden"),
    "col_period_any": ("Period", "Period"),
    "col_quartile_lower": ("{group}: nedre kvartil", "{group}: lower quartile"),
    "col_quartile_upper": ("{group}: övre kvartil", "{group}: upper quartile"),
    "map_choose_area_legend": ("Vad kartan visar", "What the map shows"),
    "map_choose_area": ("Fokusområde", "Focus area"),
    "map_all_areas": ("Alla: antal på rätt spår", "All: number on track"),
    "map_areas_title": (
        "Antal fokusområden (av {total}) där kommunen är på rätt spår",
        "Number of focus areas (of {total}) where the municipality is on track",
    ),
    "map_area_title": ("På rätt spår i {area}?", "On track in {area}?"),
    "map_click_hint": (
        "Välj en kommun på kartan eller i tabellen för att se dess profil.",
        "Choose a municipality on the map or in the table to see its profile.",
    ),
    "map_areas_on_track": (
        "På rätt spår i {n} av {total} fokusområden ({judged} kunde bedömas)",
        "On track in {n} of {total} focus areas ({judged} could be judged)",
    ),
    "on_track_yes": ("På rätt spår", "On track"),
    "on_track_no": ("Inte på rätt spår", "Not on track"),
    "on_track_not_judged": ("Kunde inte bedömas", "Could not be judged"),
    "col_kommun": ("Kommun", "Municipality"),
    "col_areas_on_track": ("Fokusområden på rätt spår", "Focus areas on track"),
    "col_areas_judged": ("Fokusområden som kunde bedömas", "Focus areas that could be judged"),
    "map_table_caption_areas": (
        "Kommunerna: fokusområden på rätt spår",
        "The municipalities: focus areas on track",
    ),
    "map_table_area_caption": (
        "Kommuner på rätt spår i {area} ({n})",
        "Municipalities on track in {area} ({n})",
    ),
    # Indicator page: value or status, the status filter, on track
    "show_label": ("Visa", "Show"),
    "show_value": ("Värde", "Value"),
    "show_status": ("Status", "Status"),
    "map_legend_quartiles": ("Kvartiler, {unit}", "Quartiles, {unit}"),
    "map_legend_neutral": (
        "Kvartiler, {unit} (ingen riktning)",
        "Quartiles, {unit} (no direction)",
    ),
    "map_legend_status": ("Status för varje plats serie", "Status of each place's series"),
    "col_class": ("Kvartil", "Quartile"),
    "map_outline_chosen": ("{place} (tjock ram)", "{place} (thick outline)"),
    "map_outline_peers": ("Jämförelsegruppen {group} (ram)", "The peer group {group} (outline)"),
    "status_filter_label": ("Visa bara", "Show only"),
    "status_filter_all": ("Alla ({n})", "All ({n})"),
    "status_filter_group": ("{group} ({n})", "{group} ({n})"),
    "status_filter_none": (
        "Ingen plats har den statusen.",
        "No place has that status.",
    ),
    "table_caption_filtered": (
        "Bara platser vars serie {group}: {n}.",
        "Only places whose series is {group}: {n}.",
    ),
    "kommuner_on_track": ("Kommunerna", "The municipalities"),
    # Column headers of downloaded files: Swedish words in Swedish, the column ids in English
    "csv_indicator_id": ("indikator_id", "indicator_id"),
    "csv_indicator": ("indikator", "indicator"),
    "csv_region_code": ("regionkod", "region_code"),
    "csv_region_name": ("region", "region_name"),
    "csv_region_level": ("nivå", "region_level"),
    "csv_period": ("period", "period"),
    "csv_breakdown": ("uppdelning_kod", "breakdown"),
    "csv_breakdown_label": ("uppdelning", "breakdown_label"),
    "csv_measure": ("mått", "measure"),
    "csv_value": ("värde", "value"),
    "csv_unit": ("enhet", "unit"),
    "csv_status_symbol": ("källans_tecken", "status_symbol"),
    "csv_aggregation": ("beräkning", "aggregation"),
    "csv_source": ("källa", "source"),
    "csv_source_id": ("källans_id", "source_id"),
    "csv_rank": ("rang", "rank"),
    "csv_rank_of": ("rang_av", "rank_of"),
    "csv_previous_period": ("föregående_period", "previous_period"),
    "csv_previous_value": ("föregående_värde", "previous_value"),
    "csv_change": ("förändring", "change"),
    "csv_series_status": ("status_för_serien", "series_status"),
    "csv_focus_area_id": ("fokusområde_id", "focus_area_id"),
    "csv_subgoal_ids": ("delmål_id", "subgoal_ids"),
    "csv_direction": ("riktning", "direction"),
    "csv_missing_reason": ("orsak_saknas", "missing_reason"),
    "csv_status": ("status", "status"),
    "csv_manual_status": ("status_satt_manuellt", "manual_status"),
    "csv_rank_all": ("rang_alla", "rank_all"),
    "csv_rank_all_of": ("rang_alla_av", "rank_all_of"),
    "csv_quartile_all": ("kvartil_alla", "quartile_all"),
    "csv_peer_group": ("jämförelsegrupp", "peer_group"),
    "csv_peer_group_kind": ("jämförelsegrupp_typ", "peer_group_kind"),
    "csv_peer_rank": ("rang_i_gruppen", "peer_rank"),
    "csv_peer_rank_of": ("rang_i_gruppen_av", "peer_rank_of"),
    "csv_peer_quartile": ("kvartil_i_gruppen", "peer_quartile"),
    "csv_peer_median": ("gruppens_median", "peer_median"),
    "csv_peer_n": ("gruppen_med_värde", "peer_n"),
    "csv_peer_n_missing": ("gruppen_utan_värde", "peer_n_missing"),
    "csv_riket_value": ("riket_värde", "riket_value"),
    "csv_riket_aggregation": ("riket_beräkning", "riket_aggregation"),
    "csv_county_code": ("länskod", "county_code"),
    "csv_county_value": ("länet_värde", "county_value"),
    "csv_county_aggregation": ("länet_beräkning", "county_aggregation"),
    # Profile summary
    "summary_heading": ("I korthet", "At a glance"),
    "copy_link": ("Kopiera länk", "Copy link"),
    "choices_summary": ("Val ({n} valda)", "Choices ({n} chosen)"),
    "copy_link_done": ("Länken är kopierad:", "The link is copied:"),
    "copy_link_failed": ("Kopiera länken här:", "Copy the link here:"),
    "summary_against": (
        "Jämfört med jämförelsegruppen {group} ({n} platser).",
        "Compared with the peer group {group} ({n} places).",
    ),
    "summary_against_all": (
        "Jämförelsegruppen {group} har bara {n} plats, så platsen jämförs med alla på samma nivå.",
        "The peer group {group} has only {n} place, so the place is compared with all at its "
        "level.",
    ),
    "summary_change_peers": ("Byt jämförelsegrupp", "Change the peer group"),
    "summary_on_track": ("På rätt spår per fokusområde", "On track per focus area"),
    "summary_weakest": (
        "Svagast mot jämförelsegruppen ({n})",
        "Weakest against the peer group ({n})",
    ),
    "summary_strongest": (
        "Starkast mot jämförelsegruppen ({n})",
        "Strongest against the peer group ({n})",
    ),
    "summary_col_position": ("Läge i gruppen", "Position in the group"),
    "summary_col_trend": ("Utveckling", "Trend"),
    "summary_none": (
        "Inga indikatorer kan jämföras med gruppen ännu.",
        "No indicators can be compared with the group yet.",
    ),
    "quarter_of": ("kvartal {quarter} {year}", "Q{quarter} {year}"),
    "map_class_best": ("{range} (bäst)", "{range} (best)"),
    "map_class_worst": ("{range} (sämst)", "{range} (worst)"),
    # Focus area
    "focus_area": ("Fokusområde", "Focus area"),
    "subgoals_heading": ("Delmål och indikatorer", "Sub-goals and indicators"),
    "subgoal": ("Delmål", "Sub-goal"),
    "framework_project": (
        "Delmålen är produktens förslag (version {version}) tills Rådet för levande städer "
        "föreslår egna.",
        "The sub-goals are the product's proposal (version {version}) until the Council for "
        "Living Cities proposes its own.",
    ),
    "framework_council": (
        "Delmålen är Rådet för levande städers förslag (version {version}).",
        "The sub-goals are the Council for Living Cities' proposal (version {version}).",
    ),
    "framework_government": (
        "Delmålen är beslutade av regeringen (version {version}).",
        "The sub-goals are decided by the Government (version {version}).",
    ),
    "framework_project_unversioned": (
        "Delmålen är produktens förslag tills Rådet för levande städer föreslår egna.",
        "The sub-goals are the product's proposal until the Council for Living Cities "
        "proposes its own.",
    ),
    "strategy_heading": (
        "I strategin: avsnitt {section}, ”{heading}”",
        "In the strategy: section {section}, “{heading}”",
    ),
    "strategy_section_only": (
        "I strategin: avsnitt {section}",
        "In the strategy: section {section}",
    ),
    "statistics_gap_heading": ("Ingen nationell statistik ännu", "No national statistics yet"),
    "catalogue_missing": (
        "Fokusområdena kunde inte läsas just nu. Försök igen om en stund.",
        "The focus areas could not be read just now. Please try again in a while.",
    ),
    "moved_title": ("Adressen har flyttat", "This address has moved"),
    "moved_text": (
        "Fokusområdena följer nu regeringens strategi, och det du sökte finns under en ny adress:",
        "The focus areas now follow the Government's strategy, and what you looked for has a "
        "new address:",
    ),
    "no_indicators": ("Inga indikatorer ännu.", "No indicators yet."),
    "no_data_yet": ("Ingen data ännu", "No data yet"),
    "latest_value": ("Senaste värde", "Latest value"),
    "latest_value_in": ("{value} ({period})", "{value} ({period})"),
    "trend_alt": (
        "Utveckling i riket {first}–{last}: från {start} till {end}.",
        "National trend {first}–{last}: from {start} to {end}.",
    ),
    "trend_alt_none": ("Ingen nationell tidsserie.", "No national time series."),
    "national_status": ("Status i riket", "National status"),
    "municipal_mean": ("ovägt medel av kommunerna", "unweighted mean of the municipalities"),
    "municipal_mean_long": (
        "Värdet för riket och länen är ett ovägt medelvärde av kommunernas värden, inte "
        "statistik för hela regionen.",
        "The value for the nation and the counties is an unweighted mean of the "
        "municipalities' values, not statistics for the whole region.",
    ),
    # Indicator
    "indicator": ("Indikator", "Indicator"),
    "unit": ("Enhet", "Unit"),
    "direction": ("Riktning", "Direction"),
    "direction_higher_is_better": ("Högre värde är bättre", "A higher value is better"),
    "direction_lower_is_better": ("Lägre värde är bättre", "A lower value is better"),
    "direction_neutral": (
        "Ingen riktning (visas som sammanhang)",
        "No direction (shown as context)",
    ),
    "target": ("Målvärde", "Target"),
    "target_text": ("{value} år {year}", "{value} by {year}"),
    "no_target": ("Inget målvärde", "No target"),
    "views_label": ("Visningar", "Views"),
    "tab_chart": ("Diagram", "Chart"),
    "tab_map": ("Karta", "Map"),
    "tab_table": ("Tabell", "Table"),
    "tab_about": ("Om indikatorn", "About"),
    "tab_download": ("Ladda ner", "Download"),
    "choices": ("Val", "Choices"),
    "choose_lan": ("Län", "County"),
    "choose_kommun": ("Kommun", "Municipality"),
    "choose_peer": ("Jämförelsegrupp", "Peer group"),
    "choose_breakdown": ("Kön", "Gender"),
    "choose_year": ("År", "Year"),
    "choose_level": ("Karta och tabell visar", "Map and table show"),
    "none_chosen": ("Ingen vald", "None chosen"),
    "apply": ("Visa", "Show"),
    "breakdown_T": ("Totalt", "Total"),
    "breakdown_K": ("Kvinnor", "Women"),
    "breakdown_M": ("Män", "Men"),
    "level_kommun": ("Kommuner", "Municipalities"),
    "level_lan": ("Län", "Counties"),
    "level_riket": ("Riket", "Sweden"),
    "riket": ("Riket", "Sweden"),
    "peer_skr": ("SKR-kommungrupp", "SKR municipality group"),
    "peer_county": ("Länets kommuner", "County's municipalities"),
    "peer_all": ("Alla kommuner", "All municipalities"),
    "peer_median": ("Median, {group}", "Median, {group}"),
    "peer_band": ("Mittersta hälften, {group}", "Middle half, {group}"),
    "gender_compare_on": ("Jämför kvinnor och män", "Compare women and men"),
    "gender_compare_off": ("Visa bara vald uppdelning", "Show the chosen breakdown only"),
    "chart_heading": ("Utveckling över tid", "Development over time"),
    "chart_caption": (
        "{title}, {unit}. Riket{extra}. Luckor i linjerna är år utan uppgift.",
        "{title}, {unit}. Sweden{extra}. Gaps in the lines are years without data.",
    ),
    "chart_table_summary": ("Visa diagrammets data som tabell", "Show the chart's data as a table"),
    "chart_no_data": (
        "Det finns inga värden att rita för de valda områdena.",
        "There are no values to draw for the chosen areas.",
    ),
    "target_line": ("Målvärde {value} år {year}", "Target {value} by {year}"),
    "map_heading": ("Karta {year}", "Map {year}"),
    "map_caption": (
        "{title}, {unit}, {level}, {breakdown}, {year}. Platserna är indelade i kvartiler: "
        "mörkare blått är bättre, den sämsta fjärdedelen är orange. Grått betyder att uppgift "
        "saknas.",
        "{title}, {unit}, {level}, {breakdown}, {year}. The places are divided into quartiles: "
        "darker blue is better, the worst quarter is orange. Grey means the value is missing.",
    ),
    "map_caption_status": (
        "{title}, {level}, {breakdown}: status för varje plats serie fram till {year}, i "
        "statusfärgerna med namn i förklaringen.",
        "{title}, {level}, {breakdown}: the status of each place's series up to {year}, in the "
        "status colours named in the legend.",
    ),
    "map_caption_neutral": (
        "{title}, {unit}, {level}, {breakdown}, {year}. Platserna är indelade i kvartiler: "
        "mörkare färg är ett högre värde, varken bättre eller sämre. Grått betyder att uppgift "
        "saknas.",
        "{title}, {unit}, {level}, {breakdown}, {year}. The places are divided into quartiles: "
        "darker colour is a higher value, neither better nor worse. Grey means the value is "
        "missing.",
    ),
    "map_legend_better": ("bättre", "better"),
    "map_legend_worse": ("sämre", "worse"),
    "map_legend_higher": ("högre", "higher"),
    "map_legend_lower": ("lägre", "lower"),
    "map_missing": ("Uppgift saknas", "Value missing"),
    "map_no_boundaries": (
        "Kartan kan inte ritas eftersom gränserna inte har hämtats. Tabellen nedan visar "
        "samma värden.",
        "The map cannot be drawn because the boundaries have not been fetched. The table "
        "below shows the same values.",
    ),
    "map_table_summary": ("Visa kartans data som tabell", "Show the map's data as a table"),
    "map_hover_rank": ("Rang {rank} av {of}", "Rank {rank} of {of}"),
    "map_hover_no_rank": ("Ingen rang", "No rank"),
    "table_heading": ("Rangordning {year}", "Ranking {year}"),
    "table_caption": (
        "{title}, {level}, {breakdown}, {year}. Rang 1 är bäst. Sortera genom att välja en "
        "kolumnrubrik.",
        "{title}, {level}, {breakdown}, {year}. Rank 1 is best. Sort by choosing a column heading.",
    ),
    "table_caption_neutral": (
        "{title}, {level}, {breakdown}, {year}. Indikatorn har ingen riktning; rangen går "
        "från högsta värdet. Sortera genom att välja en kolumnrubrik.",
        "{title}, {level}, {breakdown}, {year}. The indicator has no direction; the rank "
        "runs from the highest value. Sort by choosing a column heading.",
    ),
    "col_rank": ("Rang", "Rank"),
    "col_region": ("Område", "Area"),
    "col_code": ("Kod", "Code"),
    "col_value": ("Värde ({unit})", "Value ({unit})"),
    "col_period": ("År", "Year"),
    "col_change": ("Förändring sedan {period}", "Change since {period}"),
    "col_change_none": ("Förändring", "Change"),
    "col_status": ("Status för serien", "Status of the series"),
    "col_note": ("Anmärkning", "Note"),
    "col_series": ("Serie", "Series"),
    "sort_by": ("Sortera efter {column}", "Sort by {column}"),
    "sorted_ascending": ("stigande", "ascending"),
    "sorted_descending": ("fallande", "descending"),
    "missing": ("saknas", "missing"),
    "source_symbol": ("källans tecken {symbol}", "source symbol {symbol}"),
    "no_previous": ("inget tidigare år", "no earlier year"),
    "about_heading": ("Om indikatorn", "About the indicator"),
    "definition": ("Definition", "Definition"),
    "source": ("Källa", "Source"),
    "source_id": ("Källans id", "Source id"),
    "source_table": ("Tabell", "Table"),
    "source_title": ("Källans egen titel", "The source's own title"),
    "source_link": ("Öppna hos källan", "Open at the source"),
    "source_updated": ("Senast uppdaterad hos källan", "Last updated at the source"),
    "source_published": ("Publicerad hos källan", "Published at the source"),
    "last_fetched": ("Senast hämtad", "Last fetched"),
    "last_error": ("Senaste hämtningen misslyckades", "The latest fetch failed"),
    "unknown_time": ("okänt", "unknown"),
    "notes": ("Anmärkningar", "Notes"),
    "explain_heading": ("Förklara statusen", "Explain this status"),
    "explain_for": ("Status för {region}, {breakdown}", "Status for {region}, {breakdown}"),
    "explain_none": (
        "Ingen status har beräknats för den här serien.",
        "No status has been computed for this series.",
    ),
    "explain_base": ("Basår och värde", "Base year and value"),
    "explain_latest": ("Senaste år och värde", "Latest year and value"),
    "explain_target": ("Målvärde", "Target"),
    "explain_observed": ("Observerad årlig förändring (CAGR)", "Observed annual growth (CAGR)"),
    "explain_required": ("Krävd årlig förändring", "Required annual growth"),
    "explain_score": ("Poäng", "Score"),
    "explain_thresholds": (
        "Trösklar (betydande, måttliga, begränsade)",
        "Thresholds (substantial, moderate, limited)",
    ),
    "explain_points": ("Antal värden i fönstret", "Values in the window"),
    "explain_reason": ("Orsak", "Reason"),
    "explain_manual": (
        "Statusen är satt manuellt i katalogen; den beräknade statusen var {computed}.",
        "The status is set manually in the catalogue; the computed status was {computed}.",
    ),
    "explain_method": (
        "Hela metoden beskrivs på sidan",
        "The full method is described on the page",
    ),
    "explain_per_year": ("{value} per år", "{value} a year"),
    "reason_no_data": ("inga värden", "no values"),
    "reason_no_base_in_window": (
        "inga värden från basåret och framåt",
        "no values from the base year on",
    ),
    "reason_one_point": ("bara ett värde", "only one value"),
    "reason_zero_or_negative_base": (
        "basvärdet är noll eller negativt",
        "the base value is zero or negative",
    ),
    "reason_zero_or_negative_latest": (
        "senaste värdet är noll eller negativt",
        "the latest value is zero or negative",
    ),
    "reason_negative_target": ("målvärdet är negativt", "the target is negative"),
    "reason_target_year_not_after_base": (
        "målåret ligger inte efter basåret",
        "the target year is not after the base year",
    ),
    "reason_no_target_year": ("målår saknas", "the target year is missing"),
    "reason_few_points": ("för få värden", "too few values"),
    "reason_volatile": ("för ryckig serie", "too erratic a series"),
    "reason_base_met_target": ("basåret nådde redan målet", "the base year already met the target"),
    "reproduce_heading": ("Återskapa siffran", "Reproduce this number"),
    "reproduce_kolada": (
        "Värdena kommer från Kolada. Den här adressen ger samma värden (JSON):",
        "The values come from Kolada. This address returns the same values (JSON):",
    ),
    "reproduce_kolada_mean": (
        "Ovägda medelvärden för län och riket kommer från Koladas kommungrupper:",
        "Unweighted means for counties and the nation come from Kolada's municipality groups:",
    ),
    "reproduce_scb": (
        "Värdena kommer från SCB:s PxWebApi 2.0. Skicka den här frågan med POST till adressen:",
        "The values come from SCB's PxWebApi 2.0. Send this query by POST to the address:",
    ),
    "reproduce_scb_level": ("Fråga för nivån {level}", "Query for the level {level}"),
    "reproduce_computed": (
        "Värdena beräknas här från SCB:s värden för varje område ({inputs}), som de lagrats. "
        "Varje kommuns områdesvärden kan laddas ner under Inom kommunen på kommunens sida.",
        "The values are computed here from Statistics Sweden's values for every area "
        "({inputs}), as stored. Each municipality's area values can be downloaded under "
        "Within the municipality on its page.",
    ),
    "reproduce_none": (
        "Frågan kan visas när indikatorn har hämtats första gången.",
        "The query can be shown once the indicator has been fetched for the first time.",
    ),
    "download_heading": ("Ladda ner det som visas", "Download what is shown"),
    "download_intro": (
        "Filerna innehåller de värden som visas, med indikatorns antal decimaler och "
        "självförklarande kolumner: områdeskod och namn, år, uppdelning, värde, enhet, "
        "källans tecken och källa. Saknade värden är tomma, aldrig noll. CSV-filen öppnas "
        "direkt i svenska Excel: semikolon mellan fälten, decimalkomma och svenska rubriker "
        "(på den engelska sidan: komma och decimalpunkt).",
        "The files hold the values shown, with the indicator's decimals, and self-describing "
        "columns: area code and name, year, breakdown, value, unit, the source's symbol and "
        "the source. Missing values are empty, never zero. The CSV file uses commas and "
        "decimal points with the columns' ids as headers (on the Swedish page: semicolons, "
        "decimal commas and Swedish headers, as Swedish Excel expects).",
    ),
    "download_chart": ("Diagrammets data", "The chart's data"),
    "download_table": (
        "Kartans och tabellens data ({year})",
        "The map's and table's data ({year})",
    ),
    "download_csv": ("CSV", "CSV"),
    "download_xlsx": ("Excel", "Excel"),
    "download_link": ("Ladda ner {what} som {format}", "Download {what} as {format}"),
    "figure_source": ("{credit}. Senast hämtad {fetched}.", "{credit}. Last fetched {fetched}."),
    "figure_source_updated": (
        "Uppdaterad hos källan {updated}.",
        "Updated at the source {updated}.",
    ),
    "no_data_indicator": (
        "Indikatorn har inga värden ännu.",
        "The indicator has no values yet.",
    ),
    "last_fetch_failed": ("Den senaste hämtningen misslyckades", "The latest refresh failed"),
    "no_data_reason_error": (
        "Senaste försöket att hämta den misslyckades: {error}",
        "The latest attempt to fetch it failed: {error}",
    ),
    "no_data_reason_never": (
        "Den har inte hämtats från källan ännu.",
        "It has not been fetched from the source yet.",
    ),
    "value_with_unit": ("{value} {unit}", "{value} {unit}"),
    "value_share_yes": ("{share} % av kommunerna", "{share}% of the municipalities"),
    "value_code_mean": (
        "{value} (medelvärde av kommunernas svar)",
        "{value} (mean of the municipalities' answers)",
    ),
    # Data status and operators
    "nav_data": ("Datastatus", "Data status"),
    "data_title": ("Datastatus", "Data status"),
    "data_intro": (
        "Här syns när varje indikator senast hämtades, när källan senast publicerade och när "
        "nästa schemalagda hämtning sker. En indikator markeras som inaktuell när källan har "
        "nyare data än vi, eller när hämtningen har misslyckats längre än schemat tillåter.",
        "This page shows when each indicator was last fetched, when its source last published "
        "and when the next scheduled refresh runs. An indicator is marked stale when the "
        "source has newer data than we hold, or when refreshing has failed for longer than "
        "the schedule allows.",
    ),
    "data_sources_heading": ("Källornas hälsa", "Health of the sources"),
    "data_sources_caption": (
        "Senaste lyckade och misslyckade hämtning per källa",
        "Latest successful and failed fetch per source",
    ),
    "data_source": ("Källa", "Source"),
    "data_source_boundaries": ("Kommun- och länsgränser", "Municipal and county boundaries"),
    "data_last_success": ("Senast lyckad", "Last success"),
    "data_last_failure": ("Senast misslyckad", "Last failure"),
    "data_last_error": ("Orsak", "Reason"),
    "data_health": ("Läge", "State"),
    "data_healthy": ("✓ Fungerar", "✓ Working"),
    "data_unhealthy": ("✗ Fel vid senaste hämtningen", "✗ Failing at the last fetch"),
    "data_never": ("aldrig", "never"),
    "data_indicators_heading": ("Indikatorernas aktualitet", "Freshness of the indicators"),
    "data_indicators_caption": (
        "Aktualitet per indikator: {stale} av {total} inaktuella",
        "Freshness per indicator: {stale} of {total} stale",
    ),
    "data_indicator": ("Indikator", "Indicator"),
    "data_published": ("Publicering hos källan", "Publication at the source"),
    "data_fetched": ("Senast hämtad", "Last fetched"),
    "data_next": ("Nästa hämtning", "Next refresh"),
    "data_rows": ("Värden", "Values"),
    "data_state": ("Aktualitet", "Freshness"),
    "data_fresh": ("✓ Aktuell", "✓ Up to date"),
    "data_stale": ("⚠ Inaktuell", "⚠ Stale"),
    "stale_source_newer": ("källan har nyare data", "the source has newer data"),
    "stale_refresh_overdue": (
        "ingen lyckad hämtning inom {hours} timmar",
        "no successful refresh within {hours} hours",
    ),
    "stale_refresh_failing": (
        "hämtningen har misslyckats längre än schemat tillåter",
        "refreshing has failed for longer than the schedule allows",
    ),
    "data_only_stale": ("Visa bara inaktuella", "Show stale only"),
    "data_show_all": ("Visa alla", "Show all"),
    "data_operator_link": ("Driftsidan för operatörer", "Operations page for operators"),
    "operator_title": ("Drift", "Operations"),
    "operator_disabled": (
        "Operatörsfunktionerna är avstängda på den här webbplatsen.",
        "Operator actions are turned off on this site.",
    ),
    "operator_login_intro": (
        "Ange operatörsnyckeln för att se körhistoriken och starta hämtningar.",
        "Enter the operator token to see the run history and start refreshes.",
    ),
    "operator_token_label": ("Operatörsnyckel", "Operator token"),
    "operator_login": ("Logga in", "Sign in"),
    "operator_logout": ("Logga ut", "Sign out"),
    "operator_refused": (
        "Nyckeln godtogs inte. Inget har startats.",
        "The token was not accepted. Nothing was started.",
    ),
    "operator_refresh_heading": ("Starta en hämtning", "Start a refresh"),
    "operator_refresh_label": ("Vad ska hämtas?", "What should be fetched?"),
    "operator_refresh_button": ("Starta hämtning", "Start refresh"),
    "operator_target_source": ("Allt från {source}", "Everything from {source}"),
    "operator_target_regions": (
        "Kommuner, län och kommungrupper (Kolada)",
        "Municipalities, counties and groups (Kolada)",
    ),
    "operator_started": (
        "Hämtningen av {target} har startats. Den syns i körhistoriken nedan.",
        "The refresh of {target} has started. It appears in the run history below.",
    ),
    "operator_busy": (
        "En annan hämtning pågår redan. Försök igen när den är klar.",
        "Another refresh is already running. Try again when it has finished.",
    ),
    "operator_history_heading": ("Körhistorik", "Run history"),
    "operator_history_caption": ("De senaste körningarna", "The latest runs"),
    "operator_run": ("Körning", "Run"),
    "operator_started_at": ("Start", "Started"),
    "operator_trigger": ("Startad av", "Started by"),
    "operator_outcome": ("Utfall", "Outcome"),
    "operator_progress": ("Steg", "Steps"),
    "operator_counts": ("Nya / ändrade / borttagna", "New / revised / deleted"),
    "operator_changes": ("Vad ändrades", "What changed"),
    "operator_new_periods": ("nya perioder i {targets}", "new periods in {targets}"),
    "operator_drift": ("katalogavvikelse i {targets}", "catalogue drift in {targets}"),
    "operator_failed_steps": ("misslyckades: {targets}", "failed: {targets}"),
    "operator_no_runs": ("Inga körningar ännu.", "No runs yet."),
    # Runs, steps and failures in plain words
    "outcome_success": ("lyckad", "succeeded"),
    "outcome_partial": ("delvis lyckad", "partly succeeded"),
    "outcome_failed": ("misslyckad", "failed"),
    "outcome_aborted": ("avbruten", "aborted"),
    "outcome_running": ("pågår", "running"),
    "outcome_skipped": ("inget nytt", "nothing new"),
    "trigger_cli": ("kommandoraden", "the command line"),
    "trigger_operator": ("en operatör", "an operator"),
    "trigger_scheduler": ("schemat ({job})", "the schedule ({job})"),
    "trigger_up": ("uppstarten", "start-up"),
    "job_indicators": ("utvalda indikatorer", "selected indicators"),
    "target_regions": ("kommuner, län och kommungrupper", "municipalities, counties and groups"),
    "run_steps_count": (
        "{total} steg: {ok} klara, {same} utan nytt, {failed} misslyckade",
        "{total} steps: {ok} done, {same} with nothing new, {failed} failed",
    ),
    "run_steps_running": (
        "{done} av {total} steg, {failed} misslyckade hittills",
        "{done} of {total} steps, {failed} failed so far",
    ),
    "failure_unreachable": ("{source} svarade inte ({cause})", "{source} did not answer ({cause})"),
    "failure_unreachable_plain": ("{source} svarade inte", "{source} did not answer"),
    "failure_http": (
        "{source} svarade med ett fel ({cause})",
        "{source} answered with an error ({cause})",
    ),
    "failure_http_plain": ("{source} svarade med ett fel", "{source} answered with an error"),
    "failure_data": (
        "{source} svarade, men svaret gick inte att använda ({cause})",
        "{source} answered, but the answer could not be used ({cause})",
    ),
    "failure_data_plain": (
        "Uppgifterna från {source} stämmer inte längre med katalogen",
        "The data from {source} no longer matches the catalogue",
    ),
    "failure_bug": (
        "Ett oväntat fel i hämtningen; driften behöver undersöka det",
        "An unexpected error in the refresh; operations need to look into it",
    ),
    "failure_skipped": (
        "Inte försökt: {source} gick inte att nå tidigare i körningen",
        "Not attempted: {source} could not be reached earlier in this run",
    ),
    "failure_after_attempts": ("{text} efter {n} försök", "{text} after {n} attempts"),
    "failure_some_source": ("Källan", "The source"),
    "cause_name": ("adressen kunde inte slås upp", "its address could not be looked up"),
    "cause_refused": ("anslutningen nekades", "the connection was refused"),
    "cause_timeout": ("inget svar i tid", "no answer in time"),
    "cause_broken": ("anslutningen bröts", "the connection broke"),
    "cause_connection": ("anslutningen misslyckades", "the connection failed"),
    "cause_status": ("HTTP {status}", "HTTP {status}"),
    "cause_status_429": ("för många förfrågningar", "too many requests"),
    "cause_status_404": ("det efterfrågade finns inte", "what was asked for does not exist"),
    "cause_status_5xx": ("fel hos källan, HTTP {status}", "a fault at the source, HTTP {status}"),
    "cause_cut_short": ("svaret avbröts", "the answer was cut off"),
    "cause_empty": ("svaret var tomt", "the answer was empty"),
    "cause_encoding": ("fel teckenkodning", "the wrong character encoding"),
    "cause_truncated": ("svaret var ofullständigt", "the answer was incomplete"),
    "cause_malformed": ("svaret var trasigt", "the answer was broken"),
    "cause_content": (
        "innehållet stämmer inte med katalogen",
        "its content does not match the catalogue",
    ),
    "duration_seconds": ("{seconds}\u00a0s", "{seconds}\u00a0s"),
    "duration_under": ("under {seconds}\u00a0s", "under {seconds}\u00a0s"),
    "duration_minutes": (
        "{minutes}\u00a0min {seconds}\u00a0s",
        "{minutes}\u00a0min {seconds}\u00a0s",
    ),
    "job_all": ("alla källor", "all sources"),
    "run_title": ("Körning {id}", "Run {id}"),
    "run_link_label": ("Körning {id}, {when}", "Run {id}, {when}"),
    "run_not_found": ("Det finns ingen körning {value}.", "There is no run {value}."),
    "run_back": ("Till datastatus", "Back to data status"),
    "run_facts_label": ("Om körningen", "About the run"),
    "run_job": ("Vad hämtades", "What was fetched"),
    "run_finished_at": ("Klar", "Finished"),
    "run_duration": ("Tid", "Duration"),
    "run_steps": ("Steg", "Steps"),
    "run_requests": ("Anrop till källorna", "Requests to the sources"),
    "run_steps_caption": ("Varje steg i körningen", "Each step of the run"),
    "run_step": ("Steg", "Step"),
    "run_step_requests": ("Anrop", "Requests"),
    "run_step_added": ("Nya", "New"),
    "run_step_changed": ("Ändrade", "Revised"),
    "run_step_deleted": ("Borttagna", "Deleted"),
    "run_step_error": ("Fel", "Error"),
    "run_technical": ("Teknisk detalj", "Technical detail"),
    "run_details": ("Detaljer", "Details"),
    "run_title_dry": ("Provkörning {id}", "Dry run {id}"),
    "run_dry_label": ("provkörning", "dry run"),
    "run_kind": ("Slag", "Kind"),
    "run_kind_dry": ("Provkörning: inget sparades", "Dry run: nothing was stored"),
    "run_kind_load": ("Hämtning", "Refresh"),
    "run_dry_note": (
        "En provkörning hämtar, granskar och kontrollerar värdena men sparar inget: siffrorna "
        "säger vad en hämtning skulle ha ändrat.",
        "A dry run fetches, validates and checks the values but stores nothing: the counts say "
        "what a refresh would have changed.",
    ),
    "run_would_flag_heading": ("Värden som skulle flaggas", "Values that would be flagged"),
    "run_would_flag_caption": (
        "Värden som inte ser rimliga ut och skulle flaggas vid en hämtning",
        "Values that do not look plausible and would be flagged by a refresh",
    ),
    "operator_dry_run_button": ("Provkör (sparar inget)", "Dry run (stores nothing)"),
    "operator_dry_run_hint": (
        "En provkörning av SCB, Kolada eller en indikator hämtar, granskar och kontrollerar "
        "rimligheten men sparar inget. Körningens sida visar vad som skulle ändras.",
        "A dry run of SCB, Kolada or an indicator fetches, validates and checks plausibility "
        "but stores nothing. The run's page shows what would change.",
    ),
    "operator_dry_run_started": (
        "Provkörningen av {target} har startats; inget sparas. Den syns i körhistoriken nedan.",
        "The dry run of {target} has started; nothing is stored. It appears in the run history "
        "below.",
    ),
    "operator_no_dry_run": (
        "En provkörning omfattar indikatorer: välj SCB, Kolada eller en indikator.",
        "A dry run covers indicators: choose SCB, Kolada or an indicator.",
    ),
    "job_status": ("statusberäkning", "status computation"),
    "trigger_operator_job": ("en operatör ({job})", "an operator ({job})"),
    "cron_night": ("varje natt {time}", "every night at {time}"),
    "cron_day": ("varje dag {time}", "every day at {time}"),
    "cron_weekdays": ("vardagar {time}", "weekdays at {time}"),
    "cron_weekends": ("helger {time}", "weekends at {time}"),
    "cron_days": ("{days} {time}", "{days} at {time}"),
    "cron_month_day": ("den {day} varje månad {time}", "on day {day} of every month at {time}"),
    "cron_other": ("enligt cron-uttrycket {cron}", "by the cron expression {cron}"),
    "word_and": ("och", "and"),
    "weekday_sun": ("söndagar", "Sundays"),
    "weekday_mon": ("måndagar", "Mondays"),
    "weekday_tue": ("tisdagar", "Tuesdays"),
    "weekday_wed": ("onsdagar", "Wednesdays"),
    "weekday_thu": ("torsdagar", "Thursdays"),
    "weekday_fri": ("fredagar", "Fridays"),
    "weekday_sat": ("lördagar", "Saturdays"),
    "schedule_heading": ("Schema för hämtningarna", "Refresh schedule"),
    "schedule_caption": (
        "Varje schemalagd hämtning; tider i svensk tid",
        "Each scheduled refresh; times in Swedish time",
    ),
    "schedule_job": ("Jobb", "Job"),
    "schedule_what": ("Vad hämtas", "What is fetched"),
    "schedule_when": ("När", "When"),
    "schedule_next": ("Nästa körning", "Next run"),
    "schedule_last": ("Senaste körning", "Last run"),
    "schedule_run_now": ("Kör nu", "Run now"),
    "schedule_run_now_label": ("Kör {job} nu", "Run {job} now"),
    "schedule_none": ("Inga hämtningar är schemalagda.", "No refreshes are scheduled."),
    "flags_heading": ("Värden som inte verkar rimliga", "Values that do not look plausible"),
    "flags_intro": (
        "Värdena lagras exakt som källan publicerat dem men räknas inte i statusen förrän "
        "någon godkänt dem eller källan rättat dem.",
        "The values are stored exactly as the source published them but do not count in the "
        "status until someone accepts them or the source corrects them.",
    ),
    "flags_caption": ("Flaggade värden per indikator", "Flagged values per indicator"),
    "flags_none": ("Inga värden är flaggade.", "No values are flagged."),
    "flag_place": ("Plats", "Place"),
    "flag_period": ("Period", "Period"),
    "flag_value": ("Värde", "Value"),
    "flag_why": ("Varför", "Why"),
    "flag_source_row": ("Källans rad", "The source's row"),
    "flag_accept": ("Godkänn", "Accept"),
    "flag_accept_label": ("Ditt namn", "Your name"),
    "flag_accept_button": ("Godkänn värdet", "Accept the value"),
    "flag_accepted": (
        "Värdet godkänns och räknas i statusen efter omräkningen.",
        "The value is being accepted and counts in the status once recomputed.",
    ),
    "flag_below_range": ("under {bound} (lägsta rimliga)", "below {bound} (the lowest plausible)"),
    "flag_above_range": ("över {bound} (högsta rimliga)", "above {bound} (the highest plausible)"),
    "flag_jump": (
        "ändrat mer än {bound} sedan {period} ({previous})",
        "changed by more than {bound} since {period} ({previous})",
    ),
    "flags_decisions_heading": ("Beslut om flaggade värden", "Decisions on flagged values"),
    "flags_decisions_caption": (
        "De senaste besluten: godkända värden och värden som källan rättat",
        "The latest decisions: values accepted and values the source corrected",
    ),
    "flags_decisions_none": ("Inga beslut ännu.", "No decisions yet."),
    "flag_decision": ("Beslut", "Decision"),
    "flag_accepted_by": ("godkänt av {who} {when}", "accepted by {who} {when}"),
    "flag_revised": ("rättat av källan {when}", "corrected by the source {when}"),
    "flag_note": (
        "värdet granskas: det ser inte rimligt ut och räknas inte i statusen",
        "under review: the value does not look plausible and does not count in the status",
    ),
    "operator_flagged": ("orimliga värden i {targets}", "implausible values in {targets}"),
    "feed_link_page": ("Nyheter för den här sidan (Atom)", "News for this page (Atom)"),
    "feed_link_all": ("Alla nyheter (Atom)", "All news (Atom)"),
    "feed_title_all": ("Levande städer: nya uppgifter", "Living cities: new data"),
    "feed_subtitle": (
        "Nya år, reviderade värden och ändrade statusar, från varje hämtning.",
        "New years, revised values and changed statuses, from every refresh.",
    ),
    "feed_entry_new": ("{title}: nya uppgifter för {periods}", "{title}: new data for {periods}"),
    "feed_entry_revised": ("{title}: {count} värden reviderade", "{title}: {count} values revised"),
    "feed_entry_status": (
        "{title}: status ändrad från {before} till {after}",
        "{title}: status changed from {before} to {after}",
    ),
    "feed_entry_quartile": (
        "{title}: från kvartil {before} till kvartil {after} {among}",
        "{title}: from quartile {before} to quartile {after} {among}",
    ),
    "feed_entry_source": ("Källa: {source}", "Source: {source}"),
    "feed_not_found": ("Det finns inget flöde {value}.", "There is no feed {value}."),
    "published_past": ("publicerad {when}", "published {when}"),
    "published_planned": (
        "nästa publicering (planerad) {when}",
        "next publication (planned) {when}",
    ),
    # Profiles and comparison
    "nav_places": ("Kommuner och län", "Municipalities and counties"),
    "nav_compare": ("Jämför", "Compare"),
    "place_kommun": ("Kommun", "Municipality"),
    "place_lan": ("Län", "County"),
    "kicker_kommun": ("Kommun i {county}", "Municipality in {county}"),
    "profile_title": ("Profil: {place}", "Profile: {place}"),
    "profile_of": ("Profil för {place} ({kind})", "Profile of {place} ({kind})"),
    "unknown_kommun": (
        "Det finns ingen kommun med koden {value}.",
        "There is no municipality with the code {value}.",
    ),
    "unknown_lan": (
        "Det finns inget län med koden {value}.",
        "There is no county with the code {value}.",
    ),
    "unknown_place": (
        "Det finns ingen kommun eller inget län med koden {value}.",
        "There is no municipality or county with the code {value}.",
    ),
    "did_you_mean": ("Menade du {name} ({kind})?", "Did you mean {name} ({kind})?"),
    "search_places": ("Sök bland kommuner och län", "Search municipalities and counties"),
    "places_title": ("Kommuner och län", "Municipalities and counties"),
    "places_intro": (
        "Sök fram en kommun eller ett län för att se alla indikatorer för platsen jämförda "
        "med riket, länet och liknande kommuner.",
        "Find a municipality or county to see every indicator for the place compared with "
        "the nation, the county and similar municipalities.",
    ),
    "search_label": ("Sök kommun eller län", "Search for a municipality or county"),
    "search_hint": (
        "Skriv några bokstäver i namnet, till exempel gavle eller Gävle. Välj ett förslag med "
        "piltangenterna och Enter.",
        "Type a few letters of the name, for example gavle or Gävle. Choose a suggestion with "
        "the arrow keys and Enter.",
    ),
    "search_button": ("Sök", "Search"),
    "search_suggestions": ("Förslag", "Suggestions"),
    "search_count": (
        "{n} förslag. Bläddra med pil upp och ned.",
        "{n} suggestions. Browse with the up and down arrows.",
    ),
    "search_no_suggestions": ("Inga förslag", "No suggestions"),
    "search_results": ("Träffar för ”{text}”", "Results for “{text}”"),
    "search_none": (
        "Ingen kommun eller inget län matchar ”{text}”. Pröva en annan stavning eller välj i "
        "listan nedan.",
        "No municipality or county matches “{text}”. Try another spelling or choose from the "
        "list below.",
    ),
    "directory_heading": ("Alla län och kommuner", "All counties and municipalities"),
    "directory_empty": (
        "Det finns inga kommuner att visa ännu.",
        "There are no municipalities to show yet.",
    ),
    "county_municipalities": ("Kommuner i länet ({n})", "Municipalities in the county ({n})"),
    # Profiles: peer groups
    "peer_heading": ("Jämförelsegrupp", "Peer group"),
    "peer_choose_legend": ("Välj jämförelsegrupp", "Choose a peer group"),
    "peer_members": ("Visa gruppens {n} medlemmar", "Show the group's {n} members"),
    "peer_skr_option": ("SKR-grupp {group}", "SKR group {group}"),
    "peer_own_group": ("(kommunens grupp)", "(the municipality's group)"),
    "peer_skr_text": (
        "{description} Gruppen har {n} kommuner enligt {edition}, hämtad från Koladas "
        "kommungrupper ({group}).",
        "{description} The group has {n} municipalities according to {edition}, taken from "
        "Kolada's municipality groups ({group}).",
    ),
    "peer_place_added": (
        "{place} hör inte till gruppen men räknas med för att kunna jämföras.",
        "{place} is not in the group but is counted in so that it can be compared.",
    ),
    "peer_county_named": ("Kommunerna i {county}", "The municipalities of {county}"),
    "peer_county_text": (
        "Alla {n} kommuner i {county}.",
        "All {n} municipalities in {county}.",
    ),
    "peer_all_text": ("Alla {n} kommuner i Sverige.", "All {n} municipalities in Sweden."),
    "peer_custom": ("Egen grupp", "Custom group"),
    "peer_custom_text": (
        "En grupp du sätter ihop själv: {place} och {n} kommuner du valt (högst {max}). "
        "Gruppen sparas i adressen, så länken till sidan visar samma jämförelse.",
        "A group you build yourself: {place} and {n} municipalities you chose (at most {max}). "
        "The group is kept in the address, so a link to the page shows the same comparison.",
    ),
    "peer_counties": ("Alla län", "All counties"),
    "peer_counties_text": (
        "Ett län jämförs med alla {n} län.",
        "A county is compared with all {n} counties.",
    ),
    "custom_count": (
        "{n} av högst {max} kommuner valda.",
        "{n} of at most {max} municipalities chosen.",
    ),
    "add_municipality": ("Lägg till en kommun", "Add a municipality"),
    "choose_one": ("Välj …", "Choose …"),
    "remove_item": ("Ta bort {name}", "Remove {name}"),
    "compare_group_link": (
        "Jämför gruppen i diagram över tid",
        "Compare the group in charts over time",
    ),
    "permalink": ("Länk till den här vyn:", "Link to this view:"),
    "bad_peer_code": (
        "Koden {value} i den egna gruppen är ingen kommun.",
        "The code {value} in the custom group is not a municipality.",
    ),
    "too_many_peers": (
        "En egen grupp kan ha högst {value} kommuner; resten visas inte.",
        "A custom group can hold at most {value} municipalities; the rest are left out.",
    ),
    "bad_print": (
        "Värdet {value} för utskriftsvy är okänt.",
        "The value {value} for the print view is unknown.",
    ),
    # Profiles: positions and values
    "relative_title": ("Positionen är relativ.", "The position is relative."),
    "relative_text": (
        "Kvartil och rang visar var platsen ligger jämfört med andra, med hänsyn till om högt "
        "eller lågt värde är bättre (kvartil 1 är den bästa fjärdedelen). De säger inte om "
        "värdet är bra eller dåligt i sig, och en plats kan ligga sist i en grupp som alla når "
        "målet.",
        "Quartile and rank show where the place stands among others, taking into account "
        "whether a high or a low value is better (quartile 1 is the best quarter). They do not "
        "say whether the value is good or bad in itself, and a place can rank last in a group "
        "that all meet the target.",
    ),
    "position_quartile": (
        "Kvartil {quartile} · rang {rank} av {of}",
        "Quartile {quartile} · rank {rank} of {of}",
    ),
    "position_rank": ("Rang {rank} av {of}", "Rank {rank} of {of}"),
    "position_neutral": (
        "Rang {rank} av {of} efter storlek (ingen bedömning)",
        "Rank {rank} of {of} by size (not judged)",
    ),
    "among_kommuner": ("bland alla kommuner", "among all municipalities"),
    "among_lan": ("bland alla län", "among all counties"),
    "col_latest": ("Senaste värde (år)", "Latest value (year)"),
    "col_change_prev": ("Förändring", "Change"),
    "col_trend": ("Utveckling", "Trend"),
    "col_position_all": ("Position {among}", "Position {among}"),
    "col_position_peer": ("Position i gruppen", "Position in the group"),
    "col_peer_median": ("Gruppens median", "The group's median"),
    "col_indicators": ("Indikatorer", "Indicators"),
    "col_quartile": ("Kvartil {quartile}", "Quartile {quartile}"),
    "change_since": ("{change} sedan {period}", "{change} since {period}"),
    "median_of": ("{n} av {total} med värde", "{n} of {total} with a value"),
    "newer_missing": ("{period} saknas", "{period} missing"),
    "source_symbol_paren": ("(källans tecken {symbol})", "(source symbol {symbol})"),
    "trend_place": (
        "{place} {first}–{last}: från {start} till {end}. Streckad linje: riket.",
        "{place} {first}–{last}: from {start} to {end}. Dashed line: Sweden.",
    ),
    "trend_place_none": ("Inga värden för {place}.", "No values for {place}."),
    "missing_not_published": (
        "inte publicerad för {level} ännu",
        "not published for {level} yet",
    ),
    "missing_suppressed": (
        "uppgiften är undertryckt eller saknas hos källan",
        "the value is suppressed or missing at the source",
    ),
    "missing_not_applicable": (
        "indikatorn följs inte upp för {level}",
        "the indicator is not followed up for {level}",
    ),
    "missing_not_run": (
        "inga värden här, andra har (undersökningen genomfördes troligen inte här)",
        "no values here while others have them (the survey was probably not run here)",
    ),
    "area_coverage": (
        "{n} av {total} indikatorer har värden för platsen.",
        "{n} of {total} indicators have values for the place.",
    ),
    "area_table_caption": (
        "{place}, {subgoal}: {text} Jämförelsegrupp: {group}.",
        "{place}, {subgoal}: {text} Peer group: {group}.",
    ),
    "reference_note": (
        "Riket, länet och gruppens median avser samma år som platsens senaste värde. "
        "Utvecklingen visar platsen som heldragen linje och riket streckat.",
        "Sweden, the county and the group's median refer to the same year as the place's "
        "latest value. The trend shows the place as a solid line and Sweden dashed.",
    ),
    # Profiles: whole picture
    "whole_picture": ("Helhetsbild", "The whole picture"),
    "whole_picture_intro": (
        "En ruta per indikator: den övre raden visar statusen över tid, den undre kvartilen "
        "{among} (1 är bäst). Detaljerna finns per fokusområde längre ned.",
        "One square per indicator: the upper row shows the status over time, the lower the "
        "quartile {among} (1 is best). The details follow per focus area further down.",
    ),
    "whole_picture_table": ("Visa helhetsbilden som tabell", "Show the whole picture as a table"),
    "whole_picture_caption": (
        "{place}: antal indikatorer per status och per kvartil {among}",
        "{place}: number of indicators per status and per quartile {among}",
    ),
    "strip_legend": ("Förklaring", "Legend"),
    "strip_status_label": ("Status per indikator, {area}", "Status per indicator, {area}"),
    "strip_position_label": ("Kvartil per indikator, {area}", "Quartile per indicator, {area}"),
    "strip_quartile": ("{title}: kvartil {quartile}", "{title}: quartile {quartile}"),
    "strip_no_quartile": ("{title}: ingen kvartil", "{title}: no quartile"),
    # Profiles: coverage and changes
    "coverage_heading": ("Täckning", "Coverage"),
    "coverage_show": (
        "Visa täckningen per delmål och varför värden saknas",
        "Show the coverage per sub-goal and why values are missing",
    ),
    "coverage_intro": (
        "Hur många av indikatorerna som har värden för {place}, per delmål, och varför resten "
        "saknas.",
        "How many of the indicators have values for {place}, per sub-goal, and why the rest "
        "are missing.",
    ),
    "coverage_caption": (
        "Täckning för {place} per fokusområde och delmål",
        "Coverage for {place} per focus area and sub-goal",
    ),
    "col_with_data": ("Med värden", "With values"),
    "coverage_not_published": ("Inte publicerad", "Not published"),
    "coverage_suppressed": ("Undertryckt", "Suppressed"),
    "coverage_not_applicable": ("Gäller inte nivån", "Not applicable"),
    "coverage_not_run": ("Ej genomförd här", "Not run here"),
    "coverage_list": ("Visa de {n} som saknas och varför", "Show the {n} missing and why"),
    "coverage_none_missing": ("Inga indikatorer saknas.", "No indicators are missing."),
    "changes_heading": ("Vad ändrades senast", "What changed last time"),
    "changes_intro": (
        "Indikatorer för {place} med nytt värde, ny status eller ny rang när statusen "
        "räknades om {when}: {n}.",
        "Indicators for {place} with a new value, status or rank when statuses were "
        "recomputed {when}: {n}.",
    ),
    "changes_none": (
        "Inget ändrades för {place} när statusen räknades om {when}.",
        "Nothing changed for {place} when statuses were recomputed {when}.",
    ),
    "changes_never": (
        "Statusen har inte räknats om efter någon uppdatering ännu.",
        "Statuses have not been recomputed after a refresh yet.",
    ),
    "changes_caption": (
        "Ändringar för {place} vid omräkningen {when}",
        "Changes for {place} at the recompute {when}",
    ),
    "col_what_changed": ("Vad ändrades", "What changed"),
    "col_before": ("Före", "Before"),
    "col_after": ("Efter", "After"),
    "changed_status": ("status", "status"),
    "changed_rank": ("rang", "rank"),
    "changed_value": ("reviderat värde", "revised value"),
    "changed_period": ("nytt år", "new year"),
    "rank_n": ("rang {rank}", "rank {rank}"),
    # Profiles: print, downloads, sources
    "print_view": ("Utskriftsvänlig version", "Printable version"),
    "council_link": ("Rådsunderlag (1–2 sidor)", "Council brief (1–2 pages)"),
    "council_title": ("Rådsunderlag: {place}", "Council brief: {place}"),
    "council_header": (
        "Levande städer · rådsunderlag för {place} ({kind}) · utskrivet {date}",
        "Living cities · council brief for {place} ({kind}) · printed {date}",
    ),
    "council_intro": (
        "Sammanfattning av uppföljningen av den nationella strategin för levande och trygga "
        "städer för platsen: i vilka fokusområden den är på rätt spår, var den står svagast och "
        "starkast mot jämförbara platser, och helhetsbilden per fokusområde.",
        "A summary of the follow-up of the national strategy for living and safe cities for the "
        "place: in which focus areas it is on track, where it stands weakest and strongest "
        "against comparable places, and the whole picture per focus area.",
    ),
    "council_method": (
        "Status bygger på tillväxttakten från basåret till senaste året; läget är platsens "
        "kvartil bland jämförelsegruppen (1 är bäst). Ett läge är relativt: det säger var "
        "platsen står bland andra, inte om värdet är bra i sig. Hela profilen och metoden finns "
        "på webbplatsen.",
        "Status rests on the growth rate from the base year to the latest year; the position "
        "is the place's quartile in its peer group (1 is best). A position is relative: it says "
        "where the place stands among others, not whether the value is good in itself. The "
        "whole profile and the method are on the website.",
    ),
    "print_back": ("Tillbaka till profilen", "Back to the profile"),
    "print_button": ("Skriv ut / Print", "Print / Skriv ut"),
    "print_header": (
        "Levande städer · profil för {place} ({kind}) · utskriven {date}",
        "Living cities · profile of {place} ({kind}) · printed {date}",
    ),
    "download_profile": ("Ladda ner profilen som {format}", "Download the profile as {format}"),
    "compare_place": ("Jämför {place} med andra", "Compare {place} with others"),
    "profile_sources_heading": ("Källor och metod", "Sources and method"),
    "profile_dates": (
        "Sidan skapad {printed}. Data senast uppdaterad {refreshed}.",
        "Page made {printed}. Data last refreshed {refreshed}.",
    ),
    "profile_method": (
        "Status följer tillväxtmetoden i Open SDG och Statistics Canada: den årliga "
        "förändringen från basåret till senaste året jämförs med fasta trösklar eller med "
        "den förändring som krävs för att nå målvärdet. Kvartil och rang räknas per år bland "
        "alla kommuner (eller län) och inom jämförelsegruppen, med hänsyn till indikatorns "
        "riktning.",
        "Statuses follow the growth-rate method of Open SDG and Statistics Canada: the annual "
        "change from the base year to the latest year is compared with fixed thresholds or "
        "with the change needed to reach the target. Quartile and rank are computed per year "
        "among all municipalities (or counties) and within the peer group, taking the "
        "indicator's direction into account.",
    ),
    # Comparison
    "compare_title": ("Jämför kommuner och län", "Compare municipalities and counties"),
    "compare_intro": (
        "Välj upp till tio platser och en eller flera indikatorer. Varje indikator visas som "
        "ett diagram över tid med en linje per plats och som en tabell. Valen sparas i "
        "adressen, så en länk visar samma jämförelse.",
        "Choose up to ten places and one or more indicators. Each indicator is shown as a "
        "chart over time with one line per place, and as a table. The choices are kept in "
        "the address, so a link shows the same comparison.",
    ),
    "compare_places_legend": ("Platser", "Places"),
    "compare_indicators_legend": ("Indikatorer", "Indicators"),
    "compare_places_count": (
        "{n} av högst {max} platser valda.",
        "{n} of at most {max} places chosen.",
    ),
    "compare_indicators_count": (
        "{n} av högst {max} indikatorer valda.",
        "{n} of at most {max} indicators chosen.",
    ),
    "add_place": ("Lägg till en plats", "Add a place"),
    "add_place_hint": (
        "Skriv några bokstäver i namnet på en kommun eller ett län och välj ett förslag.",
        "Type a few letters of a municipality's or county's name and choose a suggestion.",
    ),
    "add_button": ("Lägg till", "Add"),
    "compare_add_riket": ("Lägg till riket", "Add Sweden"),
    "compare_add_peer": (
        "Lägg till jämförelsegruppens median ({group})",
        "Add the peer group's median ({group})",
    ),
    "compare_remove_peer": (
        "Ta bort jämförelsegruppens median ({group})",
        "Remove the peer group's median ({group})",
    ),
    "add_indicator": ("Lägg till en indikator", "Add an indicator"),
    "add_indicator_hint": (
        "Skriv några bokstäver i indikatorns namn, till exempel trång, och välj ett förslag.",
        "Type a few letters of the indicator's name, for example crowd, and choose a suggestion.",
    ),
    "compare_choose": (
        "Välj minst en plats och en indikator för att se jämförelsen.",
        "Choose at least one place and one indicator to see the comparison.",
    ),
    "compare_caption": (
        "{title}, {unit}: {places}. Varje plats har sin egen linjetyp och markör. Luckor i "
        "linjerna är år utan uppgift.",
        "{title}, {unit}: {places}. Each place has its own line style and marker. Gaps in the "
        "lines are years without data.",
    ),
    "compare_table_caption": ("{title} ({unit}) per år", "{title} ({unit}) per year"),
    "compare_profiles": ("Platsernas profiler", "The places' profiles"),
    "download_compare": (
        "Ladda ner jämförelsen som {format}",
        "Download the comparison as {format}",
    ),
    "bad_place": (
        "Det finns ingen plats med koden {value}.",
        "There is no place with code {value}.",
    ),
    "too_many_places": (
        "Högst {value} platser kan jämföras; resten visas inte.",
        "At most {value} places can be compared; the rest are left out.",
    ),
    "bad_compare_indicator": (
        "Det finns ingen indikator med id eller namn {value}.",
        "There is no indicator with the id or name {value}.",
    ),
    "too_many_indicators": (
        "Högst {value} indikatorer kan jämföras; resten visas inte.",
        "At most {value} indicators can be compared; the rest are left out.",
    ),
    # Local data page
    "local_title": ("Lokal data – {place}", "Local data – {place}"),
    "local_nav": ("Lokal data", "Local data"),
    "local_from_areas": (
        "Lokal data från {place}: Platskompassen och kommunens egna mått för områdena",
        "Local data from {place}: Platskompassen and the municipality's own area measures",
    ),
    "local_not_found": (
        "Det finns ingen kommun med koden {value}.",
        "There is no municipality with code {value}.",
    ),
    "local_none": (
        "{place} har inte publicerat någon lokal data för sina områden.",
        "{place} has not published any local data for its areas.",
    ),
    "local_datasets": ("Kommunens dataset", "The municipality's datasets"),
    "local_marking": (
        "Lokal data från {municipality} kommun, inte officiell statistik.",
        "Local data from {municipality} municipality, not official statistics.",
    ),
    "local_publisher": ("Publicerad av", "Published by"),
    "local_published": ("Publicerad", "Published"),
    "local_method": ("Metod", "Method"),
    "local_threshold": (
        "Minsta antal svarande för att visa ett värde",
        "Fewest respondents for a value to be shown",
    ),
    "local_versions": ("Versioner ({count})", "Versions ({count})"),
    "local_version": ("Version {version}, {when}", "Version {version}, {when}"),
    "local_choose_area": ("Område", "Area"),
    "local_choose_compare": ("Jämför med område", "Compare with area"),
    "local_no_compare": ("Ingen jämförelse", "No comparison"),
    "local_compass_caption": ("Platskompassen: {area}", "Place Standard: {area}"),
    "local_compass_help": (
        "Varje tema bedöms från 1 (mycket att förbättra) till 7 (lite att förbättra). "
        "Punkter nära mitten behöver förbättras mest.",
        "Each theme is scored from 1 (a lot to improve) to 7 (little to improve). "
        "Points near the centre need improvement most.",
    ),
    "local_theme": ("Tema", "Theme"),
    "local_respondents": ("Antal svarande", "Respondents"),
    "local_too_few": ("för få svar", "too few answers"),
    "local_statistics_title": ("Registerstatistik: {area}", "Register statistics: {area}"),
    "local_statistics_help": (
        "Officiell statistik för samma område, senaste år.",
        "Official statistics for the same area, latest year.",
    ),
    "local_statistics_none": (
        "Det finns ingen registerstatistik för det här området här ännu.",
        "There are no register statistics for this area here yet.",
    ),
    "local_stat_indicator": ("Indikator", "Indicator"),
    "local_period": ("Period", "Period"),
    "local_value": ("Värde", "Value"),
    "local_area": ("Område", "Area"),
    "local_measure": ("Mått", "Measure"),
    "local_unit": ("Enhet", "Unit"),
    "local_download": ("Ladda ner lokal data ({format})", "Download local data ({format})"),
    "local_download_missing": (
        "Det finns inget sådant publicerat dataset.",
        "There is no such published dataset.",
    ),
    "local_bad_dataset": (
        "Det finns inget dataset {value}; det första visas.",
        "There is no dataset {value}; the first is shown.",
    ),
    "local_bad_version": (
        "Det finns ingen version {value}; den senaste visas.",
        "There is no version {value}; the latest is shown.",
    ),
    "local_bad_area": (
        "Området {value} finns inte i datasetet.",
        "The area {value} is not in the dataset.",
    ),
    "local_publish_link": ("Publicera lokal data", "Publish local data"),
    "upload_heading": ("Publicera lokal data – {place}", "Publish local data – {place}"),
    "upload_guide": (
        "För kommunens utgivare: filens format beskrivs i dokumentationen om lokal data. Hela "
        "filen granskas; finns ett fel sparas ingenting, och varje fel visas med rad, kolumn "
        "och hur det rättas. Nyckeln gäller bara {municipality} kommun.",
        "For the municipality's publishers: the file formats are described in the documentation "
        "on local data. The whole file is checked; if there is an error nothing is stored, and "
        "each error is shown with its row, column and fix. The token is valid for {municipality} "
        "municipality only.",
    ),
    "upload_token": ("Publiceringsnyckel", "Publisher token"),
    "upload_kind": ("Slag av data", "Kind of data"),
    "upload_kind_platskompassen": ("Platskompassen", "Platskompassen (Place Standard)"),
    "upload_kind_measure": ("Områdesmått", "Area measure"),
    "upload_dataset": ("Datasetets namn i adressen", "The dataset's name in the address"),
    "upload_dataset_help": (
        "Små bokstäver, siffror och bindestreck, t.ex. platskompassen-2026. Samma namn igen "
        "ger en ny version.",
        "Lower-case letters, digits and hyphens, e.g. platskompassen-2026. The same name again "
        "makes a new version.",
    ),
    "upload_title": ("Rubrik", "Title"),
    "upload_method": ("Metod", "Method"),
    "upload_min_respondents": (
        "Minsta antal svarande för att visa ett värde",
        "Fewest respondents for a value to be shown",
    ),
    "upload_file": ("CSV-fil", "CSV file"),
    "upload_areas": ("Egna områden (GeoJSON, frivilligt)", "Own areas (GeoJSON, optional)"),
    "upload_submit": ("Granska och publicera", "Check and publish"),
    "upload_back": ("Tillbaka till lokal data", "Back to local data"),
    "upload_back_console": ("Tillbaka till driftsidan", "Back to the operations console"),
    "upload_municipality": ("Kommun", "Municipality"),
    "upload_console_heading": ("Publicera lokal data", "Publish local data"),
    "upload_console_guide": (
        "Publicera en kommuns Platskompassen-resultat eller områdesmått. Välj kommunen; "
        "kommunens egen publiceringsnyckel eller driftnyckeln avgör om det tillåts. Hela filen "
        "granskas och sparas bara om varje rad är giltig; varje fel anges med rad, kolumn och "
        "hur det rättas (docs/local-data.md).",
        "Publish a municipality's Platskompassen results or area measures. Choose the "
        "municipality; its own publisher token or the operator token decides whether it is "
        "allowed. The whole file is checked and stored only if every row is valid; each problem "
        "is given with its row, column and fix (docs/local-data.md).",
    ),
    "operator_local_heading": ("Lokal data", "Local data"),
    "operator_local_link": (
        "Publicera en kommuns lokala data (Platskompassen, områdesmått)",
        "Publish a municipality's local data (Platskompassen, area measures)",
    ),
    "upload_done": ("Publicerat", "Published"),
    "upload_failed": ("Inte publicerat", "Not published"),
    "upload_need_token": ("Ange publiceringsnyckeln.", "Give the publisher token."),
    "upload_need_kind": ("Välj slag av data.", "Choose the kind of data."),
    "upload_need_dataset": (
        "Datasetets namn får bara ha små bokstäver, siffror och bindestreck.",
        "The dataset's name may only have lower-case letters, digits and hyphens.",
    ),
    "upload_need_text": ("Ange rubrik och metod.", "Give a title and a method."),
    "upload_need_number": (
        "Minsta antal svarande ska vara ett heltal.",
        "The fewest respondents must be a whole number.",
    ),
    "upload_need_file": (
        "Välj en CSV-fil (högst 5 MB).",
        "Choose a CSV file (at most 5 MB).",
    ),
    # Within the municipality (DeSO and RegSO areas)
    "within_nav": ("Inom kommunen", "Within the municipality"),
    "within_title": ("Inom kommunen: {place}", "Within the municipality: {place}"),
    "within_print_header": (
        "Levande städer · inom kommunen {place} · {measure} · utskriven {date}",
        "Living cities · within the municipality of {place} · {measure} · printed {date}",
    ),
    "within_link": (
        "Inom kommunen: skillnader mellan områdena i {place}",
        "Within the municipality: differences between the areas of {place}",
    ),
    "within_intro": (
        "SCB redovisar statistik för små områden: RegSO (regionala statistikområden, med namn) "
        "och de mindre DeSO (demografiska statistikområden) som de består av. Här syns hur "
        "levnadsvillkoren skiljer sig mellan kommunens områden.",
        "Statistics Sweden publishes statistics for small areas: RegSO (regional statistical "
        "areas, with names) and the smaller DeSO (demographic statistical areas) they are made "
        "of. Here you see how living conditions differ between the municipality's areas.",
    ),
    "within_not_found": (
        "Det finns ingen kommun med koden {code}.",
        "There is no municipality with the code {code}.",
    ),
    "within_bad_level": (
        "Nivån {value} finns inte; RegSO visas.",
        "There is no level {value}; RegSO are shown.",
    ),
    "within_bad_year": ("Året {value} går inte att läsa.", "The year {value} cannot be read."),
    "within_no_year": (
        "Det finns inga uppgifter för {value}; senaste året visas.",
        "There are no values for {value}; the latest year is shown.",
    ),
    "within_bad_indicator": (
        "Måttet {value} finns inte för områden; ett annat visas.",
        "There is no area measure {value}; another is shown.",
    ),
    "within_no_data": (
        "Det finns ännu ingen statistik för områden i {place} för det här valet.",
        "There are no statistics for the areas of {place} for this choice yet.",
    ),
    "within_choose": ("Välj vad som visas", "Choose what is shown"),
    "within_indicator": ("Mått", "Measure"),
    "within_level": ("Områdesnivå", "Area level"),
    "within_level_regso": ("RegSO", "RegSO"),
    "within_level_deso": ("DeSO", "DeSO"),
    "within_year": ("År", "Year"),
    "within_colour": ("Färga kartan efter", "Colour the map by"),
    "within_colour_values": ("måttets värden", "the measure's values"),
    "within_colour_types": ("områdestyp", "area type"),
    "within_unit_share": ("procent", "per cent"),
    "within_share_how": (
        "Värdet är beräknat som {count} delat med {total} i samma område och år, gånger 100, "
        "båda som SCB publicerat dem.",
        "The value is computed as {count} divided by {total} in the same area and year, times "
        "100, both as Statistics Sweden published them.",
    ),
    "within_deso_in": ("DeSO {code} i {regso}", "DeSO {code} in {regso}"),
    "within_headline": (
        "{indicator}: {times} gånger så högt i {high} som i {low}.",
        "{indicator}: {times} times as high in {high} as in {low}.",
    ),
    "within_headline_zero": (
        "{indicator}: högst i {high}, lägst (noll) i {low}.",
        "{indicator}: highest in {high}, lowest (zero) in {low}.",
    ),
    "within_no_boundaries": (
        "Kartan över områdena är inte hämtad ännu; tabellen visar alla områden.",
        "The map of the areas has not been fetched yet; the table shows every area.",
    ),
    "within_map_caption": (
        "{place}: {level} år {year}",
        "{place}: {level} in {year}",
    ),
    "within_type": ("Områdestyp", "Area type"),
    "within_type_1": ("1 Stora socioekonomiska utmaningar", "1 Major socio-economic challenges"),
    "within_type_2": ("2 Socioekonomiska utmaningar", "2 Socio-economic challenges"),
    "within_type_3": ("3 Socioekonomiskt blandade", "3 Socio-economically mixed"),
    "within_type_4": ("4 Goda socioekonomiska förutsättningar", "4 Good socio-economic conditions"),
    "within_type_5": (
        "5 Mycket goda socioekonomiska förutsättningar",
        "5 Very good socio-economic conditions",
    ),
    "within_table_caption": (
        "Alla {level} i {place} år {year}",
        "Every {level} of {place} in {year}",
    ),
    "within_col_area": ("Område", "Area"),
    "within_col_type": ("Områdestyp", "Area type"),
    "within_col_change": ("Förändring sedan året innan", "Change since the year before"),
    "within_col_rank": ("Rang i kommunen (1 = högst)", "Rank in the municipality (1 = highest)"),
    "within_col_index": ("Index", "Index"),
    "within_small_mark": ("(få invånare)", "(few residents)"),
    "within_small_note": (
        "Områden markerade med ”få invånare” har färre än {limit} invånare; deras värden kan "
        "variera mycket från år till år. Saknas ett värde har SCB inte publicerat det, och det "
        "räknas aldrig ut i efterhand.",
        "Areas marked \u201cfew residents\u201d have fewer than {limit} residents; their values "
        "may vary a lot from year to year. A missing value was not published by Statistics "
        "Sweden and is never filled in.",
    ),
    "within_download": (
        "Ladda ner områdenas värden som {format}",
        "Download the areas' values as {format}",
    ),
    "within_inequality": ("Hur stora är skillnaderna?", "How large are the differences?"),
    "within_inequality_intro": (
        "Måtten jämför kommunens områden med varandra. Gini och Theil väger varje område efter "
        "hur många som bor där.",
        "The measures compare the municipality's areas with each other. Gini and Theil weigh "
        "each area by how many people live there.",
    ),
    "within_p90_p10": (
        "Kvoten mellan den 90:e och den 10:e percentilen är {ratio} ({p90} mot {p10}): "
        "områdena nära toppen har {ratio} gånger så högt värde som områdena nära botten.",
        "The ratio of the 90th to the 10th percentile is {ratio} ({p90} against {p10}): the "
        "areas near the top have {ratio} times the value of the areas near the bottom.",
    ),
    "within_gini": (
        "Gini mellan områdena: {gini} (0 = alla områden lika, 1 = allt i ett område).",
        "Gini between the areas: {gini} (0 = every area alike, 1 = everything in one area).",
    ),
    "within_theil": (
        "Theil mellan områdena: {theil} (0 = alla områden lika).",
        "Theil between the areas: {theil} (0 = every area alike).",
    ),
    "within_missing": (
        "{n} områden saknar värde och ingår inte.",
        "{n} areas have no value and are left out.",
    ),
    "within_small": (
        "{n} områden har färre än {limit} invånare; de ingår men läses med försiktighet.",
        "{n} areas have fewer than {limit} residents; they are included but read with care.",
    ),
    "within_too_few": (
        "För få områden har uppgifter för att skillnaderna ska kunna mätas.",
        "Too few areas have values for the differences to be measured.",
    ),
    "within_trend_closing": (
        "Skillnaderna har minskat sedan {since}.",
        "The differences have narrowed since {since}.",
    ),
    "within_trend_widening": (
        "Skillnaderna har ökat sedan {since}.",
        "The differences have widened since {since}.",
    ),
    "within_trend_unchanged": (
        "Skillnaderna är ungefär desamma som {since}.",
        "The differences are about the same as in {since}.",
    ),
    "within_by_type": ("Efter områdestyp över tid", "By area type over time"),
    "within_by_type_intro": (
        "SCB delar in områdena i fem typer efter socioekonomiska förutsättningar, relativt hela "
        "landet varje år.",
        "Statistics Sweden divides the areas into five types by socio-economic conditions, "
        "relative to the whole country each year.",
    ),
    "within_type_caption": (
        "{place}: måttet efter områdestyp och år",
        "{place}: the measure by area type and year",
    ),
    "within_segregation": ("Boendesegregation", "Residential segregation"),
    "within_segregation_intro": (
        "Index beräknade över kommunens DeSO, jämfört med riket.",
        "Indices computed over the municipality's DeSO, compared with Sweden.",
    ),
    # Accessibility page
    "accessibility_title": ("Tillgänglighetsredogörelse", "Accessibility statement"),
    "accessibility_missing": (
        "Tillgänglighetsredogörelsen kunde inte läsas.",
        "The accessibility statement could not be read.",
    ),
    # Embeddable views
    "embed_summary": ("Bädda in", "Embed"),
    "embed_explain": (
        "Visa den här vyn på en annan webbplats: klistra in koden i sidans HTML. Vyn visar "
        "samma urval som här, med källa och datum, och uppdateras när data uppdateras.",
        "Show this view on another website: paste the code into the page's HTML. The view "
        "shows the same choices as here, with its source and date, and follows data updates.",
    ),
    "embed_code_label": ("Kod att klistra in", "Code to paste"),
    "embed_preview": ("Förhandsvisning:", "Preview:"),
    "embed_open_full": (
        "Visa hela vyn på Levande städer (öppnas i ny flik)",
        "See the full view on Living cities (opens in a new tab)",
    ),
    "embed_summary_title": ("{place}: sammanfattning", "{place}: summary"),
    # Open data on the data page and its files
    "open_data_heading": ("Öppna data", "Open data"),
    "open_data_api_link": (
        "API för öppna data: dokumentation och exempel",
        "Open data API: documentation and examples",
    ),
    "open_data_intro": (
        "Hela databasen som filer, byggda {when} efter den senaste uppdateringen: CSV (en fil "
        "per tabell) och Parquet, med en README som beskriver kolumnerna.",
        "The whole database as files, built {when} after the latest refresh: CSV (one file per "
        "table) and Parquet, with a README describing the columns.",
    ),
    "open_data_not_built": (
        "Filerna med hela databasen byggs efter nästa uppdatering.",
        "The files with the whole database are built after the next refresh.",
    ),
    "open_data_checksum": ("SHA-256:", "SHA-256:"),
    "open_data_checksums": ("Kontrollsummor (SHA256SUMS)", "Checksums (SHA256SUMS)"),
    "open_data_mb": ("{size} MB", "{size} MB"),
    "open_data_kb": ("{size} kB", "{size} kB"),
    "open_data_missing_title": ("Filen finns inte", "The file does not exist"),
    "open_data_missing": (
        "Filen finns inte eller har ännu inte byggts. Se sidan Data för de filer som finns.",
        "The file does not exist or has not been built yet. See the Data page for the files.",
    ),
    # Open data: the API's documentation page
    "api_title": ("Öppna data: API", "Open data: API"),
    "api_intro": (
        "Allt som instrumentpanelen visar kan hämtas som JSON från ett öppet API som bara "
        "läser. Värdena är exakt de som källan publicerade; ett saknat värde är null med "
        "källans symbol bredvid. Svaren bär dataversionen, ETag och Last-Modified, och alla "
        "webbplatser får läsa dem (CORS).",
        "Everything the dashboard shows can be fetched as JSON from an open, read-only API. "
        "Values are exactly those the source published; a missing value is null with the "
        "source's symbol beside it. Answers carry the data version, ETag and Last-Modified, "
        "and any website may read them (CORS).",
    ),
    "api_openapi": (
        "Maskinläsbar beskrivning (OpenAPI 3):",
        "Machine-readable description (OpenAPI 3):",
    ),
    "api_contract_title": ("Stabila identifierare: vårt löfte", "Stable identifiers: our promise"),
    "api_contract_1": (
        "Indikatorers id, fokusområdens och delmåls id, ramverkens id och version samt SCB:s "
        "regionkoder (00 riket, två siffror för län, fyra för kommuner) ändras inte.",
        "Indicator ids, focus area and sub-goal ids, framework ids and versions and SCB's "
        "region codes (00 riket, two digits for counties, four for municipalities) do not change.",
    ),
    "api_contract_2": (
        "Om en indikator ändå byter id leder det gamla id:t permanent vidare till det nya "
        "(308 i API:et, 301 för sidan, frågesträngen behålls), både i adressen och i filtret "
        "indicator. Ett id byter aldrig betydelse: ett annat mått får ett nytt id.",
        "Should an indicator still change its id, the former id leads on to the new one for "
        "good (308 in the API, 301 for the page, query string kept), both in the address and "
        "in the indicator filter. An id never changes meaning: another measure gets a new id.",
    ),
    "api_contract_3": (
        "Ett fält i v1 byter aldrig namn eller betydelse; nya fält kan tillkomma. En ändring "
        "som skulle bryta det blir /api/v2/.",
        "A field of v1 never changes its name or meaning; new fields may be added. A change "
        "that would break this becomes /api/v2/.",
    ),
    "api_contract_4": (
        "Okända parametrar avvisas med 400 och ett svar som namnger parametern och de tillåtna, "
        "så att ett stavfel aldrig ger all data i tysthet.",
        "Unknown parameters are refused with 400 and an answer naming the parameter and the "
        "allowed ones, so a typo never silently returns everything.",
    ),
    "api_contract_5": (
        "Stora svar delas i sidor (page, page_size; högst 5 000 rader per sida); next pekar "
        "på nästa sida med en cursor, som gör varje sida lika snabb att hämta.",
        "Large answers come in pages (page, page_size; at most 5,000 rows a page); next "
        "points to the next page with a cursor, which makes every page as fast to fetch.",
    ),
    "api_endpoints_title": ("Adresser", "Endpoints"),
    "api_example": ("Exempel:", "Example:"),
    "api_no_params": ("Inga parametrar.", "No parameters."),
    "api_params_caption": ("Parametrar för {path}", "Parameters of {path}"),
    "api_col_param": ("Parameter", "Parameter"),
    "api_col_meaning": ("Betydelse", "Meaning"),
    "api_col_example": ("Exempel eller tillåtna värden", "Example or allowed values"),
    "api_op_index": ("Vad API:et erbjuder.", "What the API offers."),
    "api_op_catalogue": (
        "Det nationella målet, källorna, fokusområdena med gällande delmål, "
        "kontextgrupperna och alla ramverk av delmål.",
        "The national goal, the sources, the focus areas with their sub-goals in force, the "
        "context groups and every framework of sub-goals.",
    ),
    "api_op_indicators": (
        "Alla indikatorer med beskrivning, källa, enhet och riktning, i katalogens ordning.",
        "Every indicator with its description, source, unit and direction, in catalogue order.",
    ),
    "api_op_indicator": ("En indikator.", "One indicator."),
    "api_op_regions": (
        "Riket, länen och kommunerna med överordnad region och jämförelsegrupper.",
        "Riket, the counties and the municipalities with their parent and peer groups.",
    ),
    "api_op_region": ("En region.", "One region."),
    "api_op_peer_groups": (
        "Grupper av kommuner att jämföra med, och deras medlemmar.",
        "Groups of municipalities to compare with, and their members.",
    ),
    "api_op_observations": (
        "Publicerade värden exakt som de lagrats; saknade värden är null med källans symbol. "
        "Ordnade efter indikator, region, period och uppdelning.",
        "Published values exactly as stored; missing values are null with the source's "
        "symbol. Ordered by indicator, region, period and breakdown.",
    ),
    "api_op_ranks": (
        "Varje värdes placering bland alla regioner på samma nivå (1 är bäst).",
        "Each value's position among all regions of its level (1 is best).",
    ),
    "api_op_statuses": (
        "Varje serie status för utvecklingen, dess underlag och senaste placering.",
        "Each series' progress status, its basis and its latest rank.",
    ),
    "api_op_changes": (
        "Serier vars status, placering, senaste period eller värde ändrades vid senaste "
        "uppdateringen.",
        "Series whose status, rank, latest period or value changed in the latest refresh.",
    ),
    "api_op_freshness": (
        "Varje indikators aktualitet: källans senaste publicering, våra hämtningar, nästa "
        "schemalagda uppdatering och om uppgifterna är inaktuella.",
        "Each indicator's freshness: the source's newest publication, our fetches, the next "
        "scheduled refresh and whether the data is stale.",
    ),
    "api_op_area_indicators": (
        "Indikatorerna som publiceras per DeSO och RegSO (små områden inom kommunerna), och "
        "gränserna som ojämlikhetsmåtten använder.",
        "The indicators published per DeSO and RegSO (small areas inside municipalities), and "
        "the thresholds the inequality measures use.",
    ),
    "api_op_area_observations": (
        "En kommuns värden per DeSO eller RegSO exakt som de lagrats, med områdets kod, "
        "indelningsår (vintage) och RegSO; skyddade celler är null med SCB:s symbol.",
        "One municipality's DeSO or RegSO values exactly as stored, with each area's code, "
        "vintage and RegSO; suppressed cells are null with SCB's symbol.",
    ),
    "api_op_inequality": (
        "Hur ojämlika en kommuns områden är, år för år: högsta och lägsta område, P90/P10 och "
        "befolkningsvägd Gini och Theil, exakt som sidan Inom kommunen visar dem.",
        "How unequal one municipality's areas are, year by year: the highest and lowest area, "
        "P90/P10 and the population-weighted Gini and Theil, exactly as the page Within the "
        "municipality shows them.",
    ),
    "api_param_municipality": (
        "Kommunens kod (fyra siffror); krävs.",
        "The municipality's code (four digits); required.",
    ),
    "api_param_geography": (
        "Områdesnivå: regso (standard) eller deso.",
        "Small-area level: regso (default) or deso.",
    ),
    "api_param_indicator": (
        "Indikatorers id, kommaseparerade.",
        "Indicator ids, comma-separated.",
    ),
    "api_param_region": (
        "SCB:s regionkoder, kommaseparerade.",
        "SCB region codes, comma-separated.",
    ),
    "api_param_level": ("Bara regioner på denna nivå.", "Only regions of this level."),
    "api_param_from": ("Första period (inklusive).", "First period (inclusive)."),
    "api_param_to": ("Sista period (inklusive).", "Last period (inclusive)."),
    "api_param_breakdown": (
        "Uppdelning: T totalt, K kvinnor, M män; kommaseparerade.",
        "Breakdown: T total, K women, M men; comma-separated.",
    ),
    "api_param_page": ("Sidan, från 1.", "The page, from 1."),
    "api_param_cursor": (
        "Var nästa sida börjar: värdet i föregående sidas next-länk (lika snabbt för varje sida).",
        "Where the next page starts: the value in the previous page's next link (as fast for "
        "every page).",
    ),
    "api_param_page_size": ("Rader per sida, högst 5 000.", "Rows per page, at most 5,000."),
    "api_param_focus_area": (
        "Bara indikatorerna i detta fokusområde eller denna kontextgrupp.",
        "Only the indicators of this focus area or context group.",
    ),
    "api_param_parent": (
        "Bara regioner med denna överordnade region (ett läns kommuner).",
        "Only regions with this parent (a county's municipalities).",
    ),
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    An unknown key raises KeyError: a missing string is a bug a test should catch, not a
    blank on the page.
    """
    sv, en = STRINGS[key]
    text = en if lang == "en" else sv
    return text.format(**values) if values else text


def parse_lang(raw: object) -> tuple[str, bool]:
    """The language from a URL value and whether the value was acceptable.

    None or an empty value means the default without complaint.
    """
    if raw is None or raw == "":
        return DEFAULT_LANG, True
    if isinstance(raw, str) and raw in LANGUAGES:
        return raw, True
    return DEFAULT_LANG, False


def _group_digits(text: str, sep: str) -> str:
    head, _, tail = text.partition(".")
    sign = "-" if head.startswith("-") else ""
    digits = head.lstrip("-")
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + sep.join(groups) + ("." + tail if tail else "")


def format_number(value: float | None, decimals: int, lang: str, *, signed: bool = False) -> str:
    """A value for display, rounded to ``decimals`` only here; missing is an empty string.

    Swedish uses a decimal comma and a no-break space between thousands; English a point
    and a comma.
    """
    if value is None or not isinstance(value, int | float) or not math.isfinite(value):
        return ""
    # Round half away from zero on the shortest decimal form of the stored value, as
    # statistics are published (15.25 -> 15.3), not on its binary expansion.
    places = Decimal(1).scaleb(-max(decimals, 0))
    text = f"{Decimal(repr(float(value))).quantize(places, rounding=ROUND_HALF_UP):f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    if lang == "en":
        grouped = _group_digits(text, ",")
    else:
        grouped = _group_digits(text, "\u00a0").replace(".", ",")
    if signed and not grouped.startswith("-") and float(text) != 0:
        grouped = "+" + grouped
    return grouped


def format_percent(share: float | None, lang: str, decimals: int = 2) -> str:
    """A share (0.0123) as a percentage ("1,23 %" / "1.23%")."""
    if share is None or not math.isfinite(share):
        return ""
    number = format_number(share * 100, decimals, lang, signed=True)
    return f"{number}\u00a0%" if lang != "en" else f"{number}%"


def to_stockholm(stamp: datetime) -> datetime:
    """A stored timestamp in Swedish time; naive stamps (SQLite) are UTC."""
    aware = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)
    return aware.astimezone(STOCKHOLM)


def format_datetime(stamp: datetime | None, lang: str) -> str:
    """A timestamp as "2026-03-01 07:00" in Swedish time, or "unknown"."""
    if stamp is None:
        return t("unknown_time", lang)
    return f"{to_stockholm(stamp):%Y-%m-%d %H:%M}"


_MONTHS: Final = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip


def month_name(month: int, lang: str) -> str:
    """A month's name as written inside a sentence: "december" / "December"."""
    return _MONTHS["en" if lang == "en" else "sv"][month - 1]


def format_date(day: date, lang: str) -> str:
    """A date as people write it: "30 januari 2025" or "30 January 2025"."""
    months = _MONTHS["en" if lang == "en" else "sv"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_period(period: object, lang: str) -> str:
    """A period as people write it: "april 2026" for ``2026M04``; years unchanged.

    Quarters read "kvartal 2 2026" (``2026K2`` or ``2026Q2``); anything else is unchanged.
    The stored period stays the source's code (in addresses and downloads); only what is
    read on screen changes.
    """
    text = str(period)
    if len(text) == 7 and text[:4].isdigit() and text[4] == "M" and text[5:].isdigit():
        month = int(text[5:])
        if 1 <= month <= 12:
            return f"{_MONTHS['en' if lang == 'en' else 'sv'][month - 1]} {text[:4]}"
    if len(text) == 6 and text[:4].isdigit() and text[4] in "KQ" and text[5] in "1234":
        return t("quarter_of", lang, quarter=text[5], year=text[:4])
    return text


def pick(sv: str | None, en: str | None, lang: str) -> str:
    """The English text in English when there is one, else the Swedish."""
    if lang == "en" and en:
        return en
    return sv or en or ""
