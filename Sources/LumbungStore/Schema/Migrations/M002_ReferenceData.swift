import LumbungDomain
import LumbungReference
import SQLKit

extension Migration {
    /// Loads the shipped reference files into the region tables.
    static let referenceData = Migration(id: 2, name: "load NTB regions, boundaries and code lists") { db, _ in
        let regions = try ReferenceData.regions().sorted { $0.code.depth < $1.code.depth }
        try await BulkInsert.rows(db, into: "region", columns: ["code", "name", "level", "parent_code", "depth"],
            regions.map { [$0.code.dotted, $0.name, $0.level.rawValue, $0.parentCode?.dotted, $0.code.depth] })

        for file in ReferenceData.boundaryFiles {
            let boundaries = try ReferenceData.boundaries(file: file)
            try await BulkInsert.rows(db, into: "region_boundary", columns: ["region_code", "geometry"],
                boundaries.map { [$0.code.dotted, $0.geometry] }, perStatement: 50)
        }

        try await BulkInsert.rows(db, into: "region_bps_code",
            columns: ["bps_code", "bps_name", "region_code", "level", "source_period"],
            try ReferenceData.bpsCrosswalk().map { [$0.bpsCode, $0.bpsName, $0.regionCode.dotted, $0.level.rawValue, $0.sourcePeriod] })

        try await BulkInsert.rows(db, into: "national_region", columns: ["code", "name", "level", "parent_code"],
            try ReferenceData.nationalRegions().map { [$0.code, $0.name, $0.level, $0.parentCode] })
    }
}
