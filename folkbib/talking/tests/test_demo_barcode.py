"""The documented demo barcode (30000002) is a Swedish talking book.

``load-demo`` imports the hand-catalogued Swedish file first and numbers the city
library's items from 30000001 in file order, so the second record of that file is the
item 30000002: it must stay a Swedish DAISY talking book, or the kiosk's demo breaks.
"""

from __future__ import annotations

from pymarc import parse_xml_to_array

from folkbib.demo import catalogue

DEMO_BARCODE = "30000002"


def test_the_demo_barcode_is_a_swedish_talking_book():
    files = catalogue.demo_files()
    assert files[0].name == catalogue.SWEDISH_FILE
    assert catalogue.FIRST_BARCODE == 30000001
    record = parse_xml_to_array(str(files[0]))[int(DEMO_BARCODE) - catalogue.FIRST_BARCODE]
    assert record["001"].data.endswith("-tb")  # the talking-book edition of a work
    assert record.leader[6] == "i"  # a sound recording
    assert record["008"].data[35:38] == "swe"
    assert "DAISY" in record["347"].value()
    assert record.title.startswith("Röda rummet")
