"""json_inert: every DEL, C1 control and Unicode line separator escaped, whichever
way the text is looked at (all-ASCII text is searched for DEL alone)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from bvtui.model import json_inert

ACTED_ON = [chr(code) for code in range(0x7F, 0xA0)] + ["\u2028", "\u2029"]


def test_del_in_ascii_text_is_escaped() -> None:
    encoded = json.dumps({"title": "a\x7fb"}, ensure_ascii=False)
    assert encoded.isascii()
    assert json_inert(encoded) == '{"title": "a\\u007fb"}'


@given(st.text(alphabet=st.sampled_from([*'ab "\\\n', "é", "€", *ACTED_ON]), max_size=30))
def test_no_character_a_terminal_acts_on_is_left_and_the_data_is_the_same(text: str) -> None:
    encoded = json.dumps([text], ensure_ascii=False)
    inert = json_inert(encoded)
    assert not any(char in inert for char in ACTED_ON)
    assert json.loads(inert) == [text]
