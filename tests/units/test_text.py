import unicodedata

from units.text import fold


def test_it_folds_diacritics_case_and_d_bar():
    assert fold("NGUYỄN VĂN ĐỨC") == "nguyen van duc"


def test_it_folds_decomposed_text_pasted_from_word_like_composed_text():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn A")
    assert decomposed != "Nguyễn Văn A"
    assert fold(decomposed) == fold("Nguyễn Văn A") == "nguyen van a"


def test_it_treats_old_and_new_tone_mark_placement_alike():
    assert fold("Hạ Hoà") == fold("Hạ Hòa") == "ha hoa"


def test_it_collapses_spaces():
    assert fold("  Trần\u00a0 Thị   Hoa ") == "tran thi hoa"
