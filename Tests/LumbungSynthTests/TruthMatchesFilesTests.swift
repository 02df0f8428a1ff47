import Foundation
import LumbungDomain
import LumbungReference
import LumbungSynth
import Testing

/// An independent reading of the generated files must give exactly the counts `truth.json` states.
@Suite struct TruthMatchesFilesTests {
    static let tree = RegionTree(try! ReferenceData.regions())

    @Test func dtsen_files_read_row_by_row_give_the_truth_of_every_region() async throws {
        let (folder, truth) = try await GeneratedFolders.shared.folder()
        let asOf = truth.generator.asOf
        let layout = try #require(truth.layouts["dtsen"])
        var households: [String: Household] = [:]
        var members: [String: [Person]] = [:]
        var seen: Set<String> = []
        for file in layout.files {
            let csv = try CSVFile(folder.appendingPathComponent(file.name))
            for (_, record) in csv.records(headerRow: file.headerRow) {
                if file.table == "keluarga" {
                    households[record["no_kk"]] = household(from: record)
                    continue
                }
                guard let person = person(from: record, asOf: asOf) else { continue }  // rejected
                if let nik = person.nik, !seen.insert(nik).inserted { continue }       // merged duplicate
                members[record["no_kk"], default: []].append(person)
            }
        }
        var villages: [RegionCode: RegionTally] = [:]
        for (kk, household) in households {
            let rural = Self.tree[household.villageCode]?.level == .desa
            villages[household.villageCode, default: RegionTally()].add(
                household: household, members: members[kk] ?? [], asOf: asOf, rural: rural)
        }
        #expect(villages.count == 1_166)
        for (code, tally) in villages {
            #expect(layout.regions[code.dotted] == tally, "village \(code)")
        }
        var province = RegionTally()
        for tally in villages.values { province.merge(tally) }
        #expect(layout.regions["52"] == province)
        #expect(province.families == truth.generatedFamilies)
    }

    @Test func every_file_holds_the_rows_its_truth_counts() async throws {
        let (folder, truth) = try await GeneratedFolders.shared.folder()
        for layout in truth.layouts.values {
            for file in layout.files {
                let delimiter: Character = file.layout == .siksng ? ";" : ","
                let csv = try CSVFile(folder.appendingPathComponent(file.name), delimiter: delimiter)
                #expect(csv.rows.count == file.headerRow + file.dataRows, "\(file.name)")
                #expect(csv.rows.allSatisfy { $0.count == csv.rows[file.headerRow - 1].count || $0.count <= 1 }, "\(file.name)")
            }
        }
        let faultsPerFile = Dictionary(grouping: truth.faults, by: \.file)
        for layout in truth.layouts.values {
            for file in layout.files {
                let faults = faultsPerFile[file.name] ?? []
                #expect(faults.filter { $0.severity == .error }.count == file.errorRows, "\(file.name)")
                #expect(faults.filter { $0.severity == .warning }.count == file.warningRows, "\(file.name)")
                #expect(truth.duplicates.filter { $0.file == file.name }.count == file.duplicateRows, "\(file.name)")
            }
        }
    }

    @Test func p3ke_covers_desil_one_to_four_and_siksng_only_kept_people() async throws {
        let (folder, truth) = try await GeneratedFolders.shared.folder()
        let dtsen = try #require(truth.layouts["dtsen"]?.regions["52"])
        let p3ke = try #require(truth.layouts["p3ke"])
        #expect(p3ke.regions["52"]?.families == dtsen.familiesByDesil.prefix(4).reduce(0) { $0 + $1.total })
        #expect(p3ke.regions["52"]?.familiesByDesil.dropFirst(4).allSatisfy { $0.total == 0 } == true)
        let usulan = try #require(truth.layouts["siksng"])
        var people = 0
        for file in usulan.files {
            let csv = try CSVFile(folder.appendingPathComponent(file.name), delimiter: ";")
            var niks: Set<String> = []
            for (_, record) in csv.records(headerRow: file.headerRow) {
                let rejected = (try? NIK(record["NIK"], asOf: truth.generator.asOf)) == nil && !record["NIK"].isEmpty
                    || record["NAMA"].isEmpty || parseDayFirst(record["TANGGAL LAHIR (31/01/2000)"]) == nil
                    || !Self.villageExists(record)
                if rejected { continue }
                if !record["NIK"].isEmpty && !niks.insert(record["NIK"]).inserted { continue }
                people += 1
            }
        }
        #expect(usulan.regions["52"]?.people == people)
    }

    static func villageExists(_ record: Record) -> Bool {
        let regencies = tree.children(of: try! RegionCode("52")).filter { RegionNameKey($0.name).core == RegionNameKey(record["KABUPATEN"]).core }
        let kecamatan = regencies.flatMap { tree.children(of: $0.code) }.filter { RegionNameKey($0.name).core == RegionNameKey(record["KECAMATAN"]).core }
        return kecamatan.flatMap { tree.children(of: $0.code) }.contains { RegionNameKey($0.name).core == RegionNameKey(record["KELURAHAN"]).core }
    }

    private func household(from record: Record) -> Household {
        func code<T: CodeList>(_ column: String, _ type: T.Type) -> T? { Int(record[column]).flatMap(T.init(rawValue:)) }
        return Household(
            kkNumber: record["no_kk"], villageCode: try! RegionCode(record["kode_desa"]), desil: Int(record["desil_nasional"]),
            housing: Housing(
                buildingOwnership: code("status_kepemilikan_rumah", BuildingOwnership.self), floorArea: Int(record["luas_lantai"]),
                floor: code("jenis_lantai", FloorMaterial.self), wall: code("jenis_dinding", WallMaterial.self),
                roof: code("jenis_atap", RoofMaterial.self), drinkingWater: code("sumber_air_minum", DrinkingWaterSource.self),
                lighting: code("sumber_penerangan", LightingSource.self), cookingFuel: code("bahan_bakar_memasak", CookingFuel.self),
                defecationFacility: code("fasilitas_bab", DefecationFacility.self), toiletType: code("jenis_kloset", ToiletType.self),
                sewageDisposal: code("pembuangan_akhir_tinja", SewageDisposal.self)))
    }

    /// The person a correct import keeps from a `dtsen-individu` row, or `nil` when the row is rejected.
    private func person(from record: Record, asOf: CalendarDate) -> Person? {
        let nikText = record["nik"]
        if !nikText.isEmpty && (try? NIK(nikText, asOf: asOf)) == nil { return nil }
        guard !record["nama"].isEmpty, let birthDate = parseDayFirst(record["tanggal_lahir"]) else { return nil }
        func code<T: CodeList>(_ column: String, _ type: T.Type) -> T? { Int(record[column]).flatMap(T.init(rawValue:)) }
        return Person(
            nik: nikText.isEmpty ? nil : nikText, name: record["nama"], sex: code("jenis_kelamin", Sex.self), birthDate: birthDate,
            birthPlace: record["tempat_lahir"], relationship: code("shdk", FamilyRelationship.self),
            maritalStatus: code("status_kawin", MaritalStatus.self), education: code("pendidikan", Education.self),
            occupation: record["pekerjaan"], motherName: record["ibu_kandung"],
            disability: code("disabilitas", DisabilityType.self), pregnant: record["status_hamil"] == "1",
            chronicIllness: Int(record["penyakit_kronis"]), schoolParticipation: code("partisipasi_sekolah", SchoolParticipation.self),
            healthInsurance: Int(record["jaminan_kesehatan"]).map(HealthInsurance.init(rawValue:)))
    }
}
