import Foundation
import LumbungDomain

/// The reference files shipped inside the package (see NOTICE.md for their sources and licences):
/// the NTB region list, its boundaries, the BPS↔Kemendagri crosswalk and Indonesia's kecamatan list.
public enum ReferenceData {
    /// A row of a reference table whose code may lie outside NTB (the national list).
    public struct CodedName: Sendable, Equatable {
        public let code: String
        public let name: String
        public let level: String
        public let parentCode: String?
    }

    /// A BPS (Wilkerstat) code and the Kemendagri region it denotes.
    public struct BPSCode: Sendable, Equatable {
        public let bpsCode: String
        public let bpsName: String
        public let regionCode: RegionCode
        public let level: RegionLevel
        public let sourcePeriod: String
    }

    /// One kabupaten/kota (or the province) in one year of `bps-ntb-kemiskinan.csv`; blank cells are `nil`.
    public struct RegionStatistics: Sendable, Equatable {
        public let code: RegionCode
        public let name: String
        public let year: Int
        /// Registered population (Dukcapil, not BPS).
        public let registeredPopulation: Int?
        /// BPS poverty rate P0 in percent (Susenas, March).
        public let povertyRatePercent: Double?
        /// BPS number of poor people, in thousands.
        public let poorPeopleThousands: Double?
        /// BPS Human Development Index.
        public let humanDevelopmentIndex: Double?
    }

    /// Poverty, population and IPM figures of NTB and its kabupaten/kota, 2023–2025.
    public static func regionStatistics() throws -> [RegionStatistics] {
        let file = "bps-ntb-kemiskinan.csv"
        let columns = ["kode", "nama", "tahun", "penduduk_bps_ribu", "penduduk_dukcapil_jiwa", "penduduk_miskin_ribu",
                       "persen_penduduk_miskin", "persen_penduduk_miskin_ekstrem", "tpt_persen", "ipm", "sumber"]
        return try table(file, columns: columns).map { row in
            guard let year = Int(row[2]) else { throw ReferenceDataError.badValue(file: file, value: row[2]) }
            return RegionStatistics(
                code: try parseCode(row[0], file: file), name: row[1], year: year,
                registeredPopulation: Int(row[4]), povertyRatePercent: Double(row[6]),
                poorPeopleThousands: Double(row[5]), humanDevelopmentIndex: Double(row[9]))
        }
    }

    /// The 1,294 NTB regions of `wilayah-ntb.csv`, parents before children.
    public static func regions() throws -> [Region] {
        try table("wilayah-ntb.csv", columns: ["kode", "nama", "tingkat", "induk"]).map { row in
            guard let level = RegionLevel(rawValue: row[2]) else {
                throw ReferenceDataError.badValue(file: "wilayah-ntb.csv", value: row[2])
            }
            let code = try parseCode(row[0], file: "wilayah-ntb.csv")
            return Region(code: code, name: row[1], level: level)
        }
    }

    /// Every boundary of `level` as its GeoJSON geometry text, keyed by region code.
    public static func boundaries(file: String) throws -> [(code: RegionCode, geometry: String)] {
        let data = try resource(file)
        guard let collection = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = collection["features"] as? [[String: Any]] else {
            throw ReferenceDataError.badValue(file: file, value: "FeatureCollection")
        }
        return try features.map { feature in
            guard let properties = feature["properties"] as? [String: Any], let kode = properties["kode"] as? String,
                  let geometry = feature["geometry"] else {
                throw ReferenceDataError.badValue(file: file, value: "feature")
            }
            let text = String(decoding: try JSONSerialization.data(withJSONObject: geometry), as: UTF8.self)
            return (try parseCode(kode, file: file), text)
        }
    }

    /// The boundary files, from kabupaten down to desa.
    public static let boundaryFiles = ["batas-ntb-kabupaten.geojson", "batas-ntb-kecamatan.geojson", "batas-ntb-desa.geojson"]

    /// The BPS↔Kemendagri crosswalk for NTB.
    public static func bpsCrosswalk() throws -> [BPSCode] {
        let file = "crosswalk-bps-kemendagri-ntb.csv"
        return try table(file, columns: ["kode_bps", "nama_bps", "kode_kemendagri", "nama_kemendagri", "tingkat", "sumber_periode"]).map { row in
            guard let level = RegionLevel(rawValue: row[4]) else { throw ReferenceDataError.badValue(file: file, value: row[4]) }
            return BPSCode(bpsCode: row[0], bpsName: row[1], regionCode: try parseCode(row[2], file: file), level: level, sourcePeriod: row[5])
        }
    }

    /// Indonesia's provinces, kabupaten/kota and kecamatan (for checking NIKs issued outside NTB).
    public static func nationalRegions() throws -> [CodedName] {
        try table("wilayah-indonesia-kecamatan.csv", columns: ["kode", "nama", "tingkat", "induk"]).map { row in
            CodedName(code: row[0], name: row[1], level: row[2], parentCode: row[3].isEmpty ? nil : row[3])
        }
    }

    private static func parseCode(_ text: String, file: String) throws -> RegionCode {
        do { return try RegionCode(text) } catch { throw ReferenceDataError.badValue(file: file, value: text) }
    }

    /// Reads a comma-separated reference file (quoted fields allowed, no line breaks inside them) and checks its header.
    private static func table(_ file: String, columns: [String]) throws -> [[String]] {
        let text = String(decoding: try resource(file), as: UTF8.self)
        var lines = text.split(whereSeparator: \.isNewline).map { splitLine(Substring($0)) }
        guard !lines.isEmpty, lines.removeFirst() == columns else {
            throw ReferenceDataError.badValue(file: file, value: "header")
        }
        if let bad = lines.first(where: { $0.count != columns.count }) {
            throw ReferenceDataError.badValue(file: file, value: bad.joined(separator: ","))
        }
        return lines
    }

    /// Splits one CSV line on commas, honouring double quotes (`"a, b"` and `""` inside quotes).
    static func splitLine(_ line: Substring) -> [String] {
        let characters = Array(line)
        var fields: [String] = []
        var field = ""
        var quoted = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count && characters[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            index += 1
        }
        fields.append(field)
        return fields
    }

    private static func resource(_ file: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "reference") else {
            throw ReferenceDataError.missing(file: file)
        }
        return try Data(contentsOf: url)
    }
}

/// A damaged or missing reference file inside the package: a packaging bug, not a user error.
public enum ReferenceDataError: Error, CustomStringConvertible {
    case missing(file: String)
    case badValue(file: String, value: String)

    public var description: String {
        switch self {
        case .missing(let file): "The reference file \(file) is missing from this Lumbung build."
        case .badValue(let file, let value): "The reference file \(file) has an unexpected value '\(value)'."
        }
    }
}
