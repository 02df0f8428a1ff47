import Foundation
import LumbungDomain
import LumbungImport
import Testing

/// The `rincian` column of a targets sheet.
extension TargetSheetTests {
    @Test func a_rincian_column_makes_a_plan_per_split_and_an_unknown_one_is_named() throws {
        let good = """
            kode_wilayah;indikator;tahun;baseline;target;rincian
            52.03;desil1_people;2024;20;;
            52.03;desil1_people;2025;;18;
            52.03;desil1_people;2024;22;;sex=perempuan
            52.03;desil1_people;2025;;19;Jenis kelamin=Perempuan
            52.03;desil1_people;2026;;17;disabilitas=ya
            """
        let sheet = try TargetSheet.read(try ImportBehaviourTests.write(good, name: "rincian.csv"), tree: Self.tree)
        #expect(sheet.problems.isEmpty, "\(sheet.problems)")
        let plans = sheet.plans
        #expect(plans.map(\.split.key) == ["all", "sex=female", "disability=with"])
        #expect(plans[0].baseline?.value == 20 && plans[0].targets == [2025: 18])
        #expect(plans[1].baseline?.value == 22 && plans[1].targets == [2025: 19])
        #expect(plans[2].baseline == nil && plans[2].targets == [2026: 17])

        let bad = """
            kode_wilayah;indikator;tahun;target;rincian
            52.03;desil1_families;2025;18;umur=balita
            """
        let refused = try TargetSheet.read(try ImportBehaviourTests.write(bad, name: "rincian-salah.csv"), tree: Self.tree)
        #expect(refused.problems.map(\.description) == [
            "Baris 2, kolom 'rincian': Rincian 'umur=balita' tidak ada untuk indikator desil1_families: pilih salah satu dari all, head_sex=male, "
                + "head_sex=female, member_with_disability=without, member_with_disability=with, elderly_member=without, elderly_member=with, "
                + "child_member=without, child_member=with (mis. sex=perempuan)."])
    }
}
