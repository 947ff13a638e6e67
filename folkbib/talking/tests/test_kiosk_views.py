"""The kiosk's HTTP edge: scan, hear, browse, sign in with card and PIN, reserve, settings."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from folkbib.catalog.models import IdentifierKind, MaterialType, RecordIdentifier
from folkbib.circulation import services as circulation
from folkbib.circulation.models import Hold
from folkbib.circulation.tests.conftest import build_world
from folkbib.core import clock
from folkbib.portal.tests.catalogue import Catalogue
from folkbib.talking import rfid
from folkbib.talking.models import Kiosk

PIPPI_BARCODE = "30000001"


def scan(client, code: str):
    return client.post(reverse("talking:lookup"), {"code": code})


@pytest.mark.django_db
def test_the_kiosk_page_greets_in_swedish_and_may_use_the_camera(client, catalogue, fake_engine):
    response = client.get(reverse("talking:kiosk"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv"' in html
    assert 'aria-live="polite"' in html
    assert "Välkommen till talboksbiblioteket." in html
    assert response["Permissions-Policy"].startswith("camera=(self)")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in html  # only the JSON data blocks and the static file


@pytest.mark.django_db
def test_a_barcode_typed_without_javascript_is_described_on_the_page(
    client, catalogue, fake_engine
):
    html = client.get(reverse("talking:kiosk"), {"code": PIPPI_BARCODE}).content.decode()
    assert "Pippi Långstrump, av Astrid Lindgren. Bok." in html
    assert '<audio id="result-audio" src="/talking/speech/' in html


@pytest.mark.django_db
def test_a_scanned_barcode_is_spoken_at_once(client, catalogue: Catalogue, fake_engine):
    data = scan(client, PIPPI_BARCODE).json()
    assert data["say"]["text"] == "Pippi Långstrump, av Astrid Lindgren. Bok."
    assert (data["record"], data["item"]) == (catalogue.pippi.pk, PIPPI_BARCODE)
    audio = client.get(data["say"]["audio"])
    assert audio.status_code == 200
    assert audio["Content-Type"] == "audio/wav"
    assert b"".join(audio.streaming_content)[:4] == b"RIFF"
    assert "Astrid Lindgren" in fake_engine.calls[0][0]


@pytest.mark.django_db
def test_an_isbn_finds_its_record(client, catalogue: Catalogue, fake_engine):
    RecordIdentifier.objects.create(
        record=catalogue.pippi, kind=IdentifierKind.ISBN, value="9789129657623"
    )
    assert scan(client, "978-91-29-65762-3").json()["record"] == catalogue.pippi.pk
    assert scan(client, "91-29-65762-8").json()["record"] == catalogue.pippi.pk  # its ISBN-10


@pytest.mark.django_db
def test_rfid_tag_data_is_decoded_to_the_item(client, catalogue: Catalogue, fake_engine):
    tag = rfid.encode_nordic(PIPPI_BARCODE, country="SE", library="Um").hex().upper()
    data = scan(client, tag).json()
    assert data["item"] == PIPPI_BARCODE
    assert scan(client, "11" * 31 + "00").status_code == 422


@pytest.mark.django_db
def test_an_unknown_code_is_said_digit_by_digit(client, catalogue, fake_engine):
    response = scan(client, "123")
    assert response.status_code == 404
    assert response.json()["say"]["text"] == "Hittade ingen bok med numret 1 2 3."


@pytest.mark.django_db
def test_keys_one_and_two_tell_more_and_where(client, catalogue: Catalogue, fake_engine):
    full = client.get(reverse("talking:describe", args=[catalogue.pippi.pk, "full"])).json()
    assert "Villa Villekulla" in full["say"]["text"]
    where = client.get(
        reverse("talking:describe", args=[catalogue.hobbit.pk, "availability"]),
        {"item": "30000007"},
    ).json()
    assert where["say"]["text"].startswith("Det här exemplaret är på hämthyllan.")
    assert (
        client.get(reverse("talking:describe", args=[catalogue.pippi.pk, "all"])).status_code == 404
    )


@pytest.mark.django_db
def test_only_sentences_the_server_made_are_spoken(client, fake_engine):
    forged = signing.dumps({"language": "sv", "segments": [{"text": "x"}]}, salt="other")
    assert client.get(reverse("talking:speech", args=[forged])).status_code == 404
    assert client.get(reverse("talking:speech", args=["x" * 7000])).status_code == 404
    assert fake_engine.calls == []


@pytest.mark.django_db
def test_english_is_chosen_and_kept_in_the_kiosk_session(client, catalogue, fake_engine):
    answer = client.post(reverse("talking:change_setting"), {"setting": "language-en"}).json()
    assert answer == {"say": answer["say"], "reload": True}
    assert answer["say"]["text"] == "English chosen."
    html = client.get(reverse("talking:kiosk")).content.decode()
    assert '<html lang="en"' in html and "Welcome to the talking library." in html
    data = scan(client, PIPPI_BARCODE).json()
    assert data["say"]["text"] == "Pippi Långstrump, by Astrid Lindgren. Book."


@pytest.mark.django_db
def test_speed_and_volume_change_the_voice_of_what_follows(client, catalogue, fake_engine):
    said = client.post(reverse("talking:change_setting"), {"setting": "faster"}).json()
    assert said["say"]["text"] == "Talhastighet 200 ord per minut."
    client.post(reverse("talking:change_setting"), {"setting": "softer"})
    client.get(scan(client, PIPPI_BARCODE).json()["say"]["audio"])
    prosody = fake_engine.calls[-1][2]
    assert (prosody.rate, prosody.volume) == (200, 80)
    assert client.post(reverse("talking:change_setting"), {"setting": "x"}).status_code == 400


@pytest.mark.django_db
def test_a_kiosk_brings_its_branch_and_language(client, catalogue: Catalogue, fake_engine):
    kiosk = Kiosk.objects.create(
        name="Talboksdatorn", branch=catalogue.branches["vindeln"], default_language="en"
    )
    html = client.get(reverse("talking:kiosk"), {"kiosk": kiosk.pk}).content.decode()
    assert '<html lang="en"' in html and "Vindelns bibliotek" in html
    where = client.get(reverse("talking:describe", args=[catalogue.pippi.pk, "availability"]))
    assert where.json()["say"]["text"].startswith("On the shelf at Vindelns bibliotek")


@pytest.mark.django_db
def test_browsing_by_ear_lists_genres_and_their_titles(client, catalogue: Catalogue, fake_engine):
    catalogue.emil.genres = ["Barn- och ungdomslitteratur", "Talböcker"]
    catalogue.emil.save()
    top = client.get(reverse("talking:browse")).json()
    assert top["say"]["text"] == "Bläddra. 3 val."
    genres = client.get(top["entries"][0]["menu"]).json()
    assert [e["say"]["text"] for e in genres["entries"]] == [
        "Barn- och ungdomslitteratur, en titel"
    ]
    titles = client.get(genres["entries"][0]["menu"]).json()
    assert titles["entries"][0]["open"] == catalogue.emil.pk
    assert titles["entries"][0]["say"]["text"] == "Emil i Lönneberga, av Astrid Lindgren. Talbok."
    new = client.get(reverse("talking:new")).json()
    assert [e["open"] for e in new["entries"]] == [catalogue.emil.pk]


@pytest.fixture
def world(db, fake_engine):
    return build_world()


def test_a_listener_signs_in_by_keypad_and_reserves_with_a_pickup_branch(client, world):
    world.patron(card_number="10000001", first_name="Anna")
    record = world.record("Ronja rövardotter", material_type=MaterialType.TALKING_BOOK)
    world.item(record, world.vannas, status="on_loan")
    refused = client.post(
        reverse("talking:reserve"), {"record": record.pk, "branch": world.umea.pk}
    )
    assert refused.status_code == 403
    signed = client.post(reverse("talking:sign_in"), {"card": "10000001", "pin": "1234"}).json()
    assert signed == {"say": signed["say"], "ok": True}
    assert signed["say"]["text"] == "Du är inloggad, Anna."
    menu = client.get(reverse("talking:pickup_branches")).json()
    assert menu["entries"][0]["say"]["text"] == "Umeå stadsbibliotek"  # the home branch first
    done = client.post(
        reverse("talking:reserve"), {"record": record.pk, "branch": world.holmsund.pk}
    ).json()
    assert done["say"]["text"] == (
        "Ronja rövardotter är reserverad. Du hämtar den på Holmsunds bibliotek."
    )
    assert Hold.objects.get().pickup_branch == world.holmsund
    again = client.post(reverse("talking:reserve"), {"record": record.pk, "branch": world.umea.pk})
    assert again.status_code == 409  # circulation's own refusal, spoken as it stands
    assert again.json()["say"]["text"]


def test_the_kiosk_shares_the_portals_lock_out(client, world):
    world.patron(card_number="10000001")
    for _attempt in range(5):
        wrong = client.post(reverse("talking:sign_in"), {"card": "10000001", "pin": "9999"})
        assert wrong.status_code == 403
    right = client.post(reverse("talking:sign_in"), {"card": "10000001", "pin": "1234"}).json()
    assert right["ok"] is False
    assert right["say"]["text"].startswith("För många felaktiga försök.")


def test_my_loans_are_read_with_their_due_dates(client, world):
    anna = world.patron(card_number="10000001")
    record = world.record("Mio, min Mio", material_type=MaterialType.AUDIOBOOK)
    item = world.item(record, world.umea)
    circulation.checkout(patron=anna, item=item, branch=world.umea, now=clock.now())
    assert client.get(reverse("talking:loans")).json()["needs_patron"] is True
    client.post(reverse("talking:sign_in"), {"card": "10000001", "pin": "1234"})
    loans = client.get(reverse("talking:loans")).json()
    assert loans["say"]["text"] == "Mina lån. Ett val."
    assert loans["entries"][0]["open"] == record.pk
    assert "Lämnas tillbaka senast" in loans["entries"][0]["say"]["text"]
    client.post(reverse("talking:sign_out"))
    assert client.get(reverse("talking:loans")).status_code == 403


@pytest.mark.django_db
def test_staff_print_a_sheet_of_barcodes_for_the_talking_book_shelf(
    client, catalogue: Catalogue, fake_engine
):
    url = reverse("talking:sheet")
    assert client.get(url).status_code == 302  # sign in first
    staff = get_user_model().objects.create_user("bibbi", password="x" * 12, is_staff=True)
    client.force_login(staff)
    vindeln = catalogue.branches["vindeln"]
    html = client.get(url, {"branch": vindeln.pk}).content.decode()
    assert "Emil i Lönneberga" in html
    assert 'role="img" aria-label="30000006"' in html
    assert "style=" not in html  # the page's CSP allows no inline style
