import LumbungDomain
import Testing

@Suite struct LabelKeyTests {
    @Test func case_spacing_punctuation_and_accents_do_not_matter() {
        #expect(LabelKey.normalize("Laki-Laki") == "lakilaki")
        #expect(LabelKey.normalize("  LAKI  LAKI ") == "lakilaki")
        #expect(LabelKey.normalize("laki_laki.") == "lakilaki")
        #expect(LabelKey.normalize("Katólik") == LabelKey.normalize("KATOLIK"))
        #expect(LabelKey.normalize("Kepala Keluarga") == LabelKey.normalize("KEPALA\u{00A0}KELUARGA"))
    }

    @Test func sederajat_is_dropped_wherever_it_stands() {
        #expect(LabelKey.normalize("SLTP/Sederajat") == "sltp")
        #expect(LabelKey.normalize("SLTA / SEDERAJAT") == "slta")
        #expect(LabelKey.normalize("Belum Tamat SD/Sederajat") == LabelKey.normalize("belum tamat SD"))
    }

    @Test func a_leading_tamat_or_lulus_is_dropped_but_belum_tamat_stays_different() {
        #expect(LabelKey.normalize("Tamat SD/Sederajat") == "sd")
        #expect(LabelKey.normalize("Lulus SD") == "sd")
        #expect(LabelKey.normalize("TAMAT SLTA") == LabelKey.normalize("SLTA/Sederajat"))
        #expect(LabelKey.normalize("Belum Tamat SD") == "belumtamatsd")
        #expect(LabelKey.normalize("Tidak Tamat SD") == "tidaktamatsd")
        #expect(LabelKey.normalize("Belum Tamat SD") != LabelKey.normalize("Tamat SD"))
        #expect(LabelKey.normalize("Tidak Lulus SD") == LabelKey.normalize("Tidak Tamat SD"))
        #expect(LabelKey.normalize("Tamat") == "tamat")
    }

    @Test func abbreviations_of_ordinary_words_are_expanded() {
        #expect(LabelKey.normalize("Tdk Tamat SD") == "tidaktamatsd")
        #expect(LabelKey.normalize("Blm Sekolah") == "belumsekolah")
        #expect(LabelKey.normalize("Kepercayaan thd Tuhan YME") == "kepercayaanterhadaptuhanyme")
        #expect(LabelKey.normalize("Sumur Tak Terlindung") == LabelKey.normalize("Sumur Tidak Terlindung"))
    }

    @Test func roman_numerals_after_degree_words_become_digits() {
        #expect(LabelKey.normalize("D-III") == "d3")
        #expect(LabelKey.normalize("D III") == LabelKey.normalize("D3"))
        #expect(LabelKey.normalize("Strata I") == "strata1")
        #expect(LabelKey.normalize("Diploma IV/Strata I") == LabelKey.normalize("DIPLOMA IV/STRATA 1"))
        #expect(LabelKey.normalize("Diploma I/II") == "diploma12")
        // elsewhere a lone i is a word like any other
        #expect(LabelKey.normalize("Ibu I") == "ibui")
    }

    @Test func comparison_signs_keep_their_meaning() {
        #expect(LabelKey.normalize("Gas > 3 kg") != LabelKey.normalize("Gas 3 kg"))
        #expect(LabelKey.normalize("Gas > 3 kg") == LabelKey.normalize("gas lebih dari 3 kg"))
        #expect(LabelKey.normalize("Fisik & Mental") == LabelKey.normalize("Fisik dan Mental"))
    }

    @Test func symbols_alone_keep_their_symbols() {
        #expect(LabelKey.normalize("-") == "-")
        #expect(LabelKey.normalize(" ✓ ") == "✓")
        #expect(LabelKey.normalize("") == "")
    }

    @Test func brackets_can_be_left_out() {
        #expect(LabelKey.normalizeOutsideBrackets("Kepala Keluarga (KK)") == "kepalakeluarga")
        #expect(LabelKey.normalizeOutsideBrackets("Desil 1 (Sangat Miskin)") == "desil1")
        #expect(LabelKey.normalizeOutsideBrackets("Kepala Keluarga") == nil)
        #expect(LabelKey.normalizeOutsideBrackets("(KK)") == nil)
    }

    @Test func code_prefixes_are_split_from_labels() {
        #expect(CodeText.codeAndLabel("1. Kepala Keluarga")?.code == 1)
        #expect(CodeText.codeAndLabel("01 - Tamat SD")?.label == "Tamat SD")
        #expect(CodeText.codeAndLabel("(2) Perempuan")?.code == 2)
        #expect(CodeText.codeAndLabel("12 kg")?.punctuated == false)
        #expect(CodeText.codeAndLabel("3.5") == nil)
        #expect(CodeText.codeAndLabel("Kepala 1") == nil)
        #expect(CodeText.integer("03") == 3 && CodeText.integer("3.0") == 3 && CodeText.integer("3.5") == nil)
        #expect(CodeText.integer("99999999999999999999") == nil)
    }
}
