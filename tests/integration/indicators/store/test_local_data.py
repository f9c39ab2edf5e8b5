"""Publishing local data on SQLite and PostgreSQL: versions, withdrawal, token scope, privacy."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from levande.indicators.core.local_data import LocalDataError, LocalKind, parse_dataset
from levande.indicators.reads import local_data as reads
from levande.indicators.reads.cache import Reader
from levande.indicators.store import local_data as store
from levande.indicators.store.schema import LocalAuditEntry, Region

pytestmark = pytest.mark.integration

GAVLE, SANDVIKEN = "2180", "2181"
OPERATOR_TOKEN = "national-secret"  # noqa: S105 (a test token)
SURVEY_V1 = """area_code,area_name,survey_date,theme,mean_score,respondents
2180C1010,Brynäs,2026-05-12,trygghet,3.4,41
2180C1010,Brynäs,2026-05-12,natur,5.9,41
2180R004,Sätra,2026-05-12,trygghet,4.25,9
"""
SURVEY_V2 = """area_code,area_name,survey_date,theme,mean_score,respondents
2180C1010,Brynäs,2027-05-10,trygghet,3.6,55
"""


@pytest.fixture
def regions(engine: Engine) -> Engine:
    with Session(engine) as session, session.begin():
        session.add(Region(code="00", name="Riket", level="riket"))
        session.flush()
        session.add(Region(code="21", name="Gävleborgs län", level="lan", parent_code="00"))
        session.flush()
        session.add_all(
            [
                Region(code=GAVLE, name="Gävle", level="kommun", parent_code="21"),
                Region(code=SANDVIKEN, name="Sandviken", level="kommun", parent_code="21"),
            ]
        )
    return engine


def _survey(municipality: str, text_: str) -> store.DatasetFile:
    return store.DatasetFile(
        municipality=municipality,
        slug="platskompassen",
        kind=LocalKind.PLATSKOMPASSEN,
        title="Platskompassen i Gävle",
        method="Enkät och dialog på plats, maj.",
        rows=parse_dataset(text_, LocalKind.PLATSKOMPASSEN, municipality),
        digest="d" * 64,
    )


def test_versions_stay_readable_and_withdrawal_hides_the_dataset(regions: Engine) -> None:
    token = store.issue_token(regions, GAVLE, "Gävle, analys")
    gavle = store.authorise(regions, token, operator_token=None)
    first = store.publish(regions, gavle, _survey(GAVLE, SURVEY_V1))
    second = store.publish(regions, gavle, _survey(GAVLE, SURVEY_V2))
    assert (first.version, first.rows, first.withheld) == (1, 3, 1)
    assert (second.version, second.rows) == (2, 1)

    reader = Reader(regions)
    (latest,) = reads.datasets(reader, GAVLE)
    assert (latest.version, latest.published_by, latest.min_respondents) == (2, "Gävle, analys", 10)
    assert [v.version for v in reads.versions(reader, GAVLE, "platskompassen")] == [1, 2]
    v1 = reads.values(reader, GAVLE, "platskompassen", version=1)
    assert v1[["area_code", "item", "respondents"]].values.tolist() == [
        ["2180C1010", "natur", 41],
        ["2180C1010", "trygghet", 41],
        ["2180R004", "trygghet", 9],
    ]
    assert v1["value"].tolist()[:2] == [5.9, 3.4]
    # Fewer than 10 answered: stored without a number, marked as withheld.
    assert pd_isna(v1["value"].tolist()[2]) and v1["withheld"].tolist() == [False, False, True]
    assert reads.values(reader, GAVLE, "platskompassen")["value"].tolist() == [3.6]

    store.withdraw(regions, gavle, GAVLE, "platskompassen")
    fresh = Reader(regions)
    assert reads.datasets(fresh, GAVLE) == []
    assert reads.values(fresh, GAVLE, "platskompassen").empty
    with pytest.raises(LookupError):
        store.withdraw(regions, gavle, GAVLE, "platskompassen")
    # Publishing again brings it back as version 3; the earlier versions were kept.
    assert store.publish(regions, gavle, _survey(GAVLE, SURVEY_V2)).version == 3

    actions = [(e.action, e.actor, e.version) for e in reversed(reads.audit_log(fresh, GAVLE))]
    assert actions == [
        ("token", "operator", None),
        ("publish", "Gävle, analys", 1),
        ("publish", "Gävle, analys", 2),
        ("withdraw", "Gävle, analys", None),
        ("publish", "Gävle, analys", 3),
    ]


def pd_isna(value: object) -> bool:
    return value is None or value != value


def test_a_gavle_token_cannot_publish_or_withdraw_for_sandviken(regions: Engine) -> None:
    token = store.issue_token(regions, GAVLE, "Gävle")
    gavle = store.authorise(regions, token, operator_token=None)
    operator = store.authorise(regions, OPERATOR_TOKEN, operator_token=OPERATOR_TOKEN)
    store.publish(regions, operator, _survey(SANDVIKEN, SURVEY_V1.replace("2180", "2181")))
    with pytest.raises(store.PublishNotAllowedError, match="2180 only"):
        store.publish(regions, gavle, _survey(SANDVIKEN, SURVEY_V1.replace("2180", "2181")))
    with pytest.raises(store.PublishNotAllowedError):
        store.withdraw(regions, gavle, SANDVIKEN, "platskompassen")
    reader = Reader(regions)
    assert [d.version for d in reads.datasets(reader, SANDVIKEN)] == [1]
    assert reads.datasets(reader, SANDVIKEN)[0].published_by == "operator"


def test_tokens_are_stored_hashed_and_can_be_revoked(regions: Engine) -> None:
    token = store.issue_token(regions, GAVLE, "Gävle")
    with regions.connect() as conn:
        dump = " ".join(
            str(cell)
            for table in ("publisher_token", "local_audit")
            for row in conn.execute(text(f"SELECT * FROM {table}"))  # noqa: S608 (fixed names)
            for cell in row
        )
    assert token not in dump
    assert store.revoke_tokens(regions, GAVLE, "Gävle") == 1
    with pytest.raises(store.PublishNotAllowedError, match="unknown or revoked"):
        store.authorise(regions, token, operator_token=None)
    with pytest.raises(store.PublishNotAllowedError):
        store.authorise(regions, "guess", operator_token=OPERATOR_TOKEN)


def test_an_invalid_publication_stores_nothing(regions: Engine) -> None:
    operator = store.Publisher(store.OPERATOR, None)
    with pytest.raises(LocalDataError, match="not a municipality"):
        store.publish(regions, operator, _survey("2199", SURVEY_V1.replace("2180", "2199")))
    store.publish(regions, operator, _survey(GAVLE, SURVEY_V1))
    measure = store.DatasetFile(
        municipality=GAVLE,
        slug="platskompassen",  # the same name, another kind
        kind=LocalKind.MEASURE,
        title="x",
        method="x",
        rows=parse_dataset(
            "area_code,measure,unit,year,value\n2180C1010,x,m,2025,1\n", LocalKind.MEASURE, GAVLE
        ),
    )
    with pytest.raises(LocalDataError, match="holds platskompassen"):
        store.publish(regions, operator, measure)
    with Session(regions) as session:
        logged = session.scalars(select(LocalAuditEntry.action)).all()
    assert logged == ["publish"]
    assert [d.version for d in reads.datasets(Reader(regions), GAVLE)] == [1]
