import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The choropleth of a region: its regions one level down coloured by one indicator (a desa: its kecamatan's desa,
/// itself outlined), with the figures of each as the reader may see them. Used by the region page, its `peta.svg`
/// and Beranda.
struct RegionMap {
    /// The region whose areas are drawn (the page's region, or a desa's kecamatan).
    let drawn: Region
    let choropleth: Choropleth
    /// Each drawn area's people, families and mapped indicator, disclosed for partners and viewers.
    let entries: [RegionIndicators.Entry]
    let boundaryCodes: Set<RegionCode>
    let shapes: [RegionMapSVG.Shape]

    /// The map of `region` with the outlines from the store.
    static func make(for region: Region, request: MapRequest, figures: RegionFigures.Figures, services: AppServices,
                     texts: Catalogue) async throws -> RegionMap {
        let drawn = drawnRegion(for: region, tree: services.regions)
        let boundaries = try await services.regionStore.fetchBoundaries(services.regions.children(of: drawn.code).map(\.code))
        // Programme coverage comes from the enrolments.
        let coverage = request.indicator.id == CoverageIndicator.id
            ? CoverageReport.totals(try await services.coverage.villages(within: drawn.code, sector: nil), tree: services.regions) : nil
        return make(for: region, request: request, figures: figures, tree: services.regions, boundaries: boundaries,
                    coverage: coverage, texts: texts)
    }

    /// The region whose areas are drawn for `region`: itself, or a desa's kecamatan.
    static func drawnRegion(for region: Region, tree: RegionTree) -> Region {
        tree.children(of: region.code).isEmpty ? (region.parentCode.flatMap { tree[$0] } ?? region) : region
    }

    /// The map from plain values: the figures, the outlines of the drawn areas and, when the map shows programme
    /// coverage, the coverage tallies of every region (no database).
    static func make(for region: Region, request: MapRequest, figures: RegionFigures.Figures, tree: RegionTree,
                     boundaries: [RegionCode: Boundary], coverage coverageTotals: [RegionCode: CoverageTally]? = nil,
                     texts: Catalogue) -> RegionMap {
        let children = tree.children(of: region.code)
        let drawn = drawnRegion(for: region, tree: tree)
        let areas = tree.children(of: drawn.code)
        let coverage = request.indicator.id == CoverageIndicator.id
        let wanted = ["people", "families"].compactMap(IndicatorCatalogue.indicator) + (coverage ? [] : [request.indicator])
        var indicators = RegionIndicators.compute(for: drawn, totals: figures.totals, indicators: wanted)
        if let plan = figures.disclosure { indicators = indicators.disclosed(by: plan) }
        var entries = indicators.children
        if coverage {
            // Each area's coverage as the reader may see it.
            let totals = coverageTotals ?? [:]
            let tallies = Dictionary(areas.map { ($0.code, totals[$0.code] ?? CoverageTally()) }, uniquingKeysWith: { a, _ in a })
            let values = CoverageIndicator.values(tallies, parent: totals[drawn.code] ?? CoverageTally(), restricted: figures.disclosure != nil)
            entries = entries.map { entry in
                guard let code = try? RegionCode(entry.code), let value = values[code] else { return entry }
                return entry.appending(value)
            }
        }
        let byCode = Dictionary(entries.compactMap { entry in (try? RegionCode(entry.code)).map { ($0, entry) } }, uniquingKeysWith: { a, _ in a })
        let values: [(Region, IndicatorValue)] = areas.compactMap { area in
            byCode[area.code]?.values.last.map { (area, $0) }
        }
        let choropleth = Choropleth(indicator: request.indicator, method: request.method, values: values, texts: texts)
        var shapes: [RegionMapSVG.Shape] = []
        for area in areas {
            guard let boundary = boundaries[area.code] else { continue }
            let role: RegionMapSVG.Shape.Role = children.isEmpty ? (area.code == region.code ? .focus : .context) : .child
            shapes.append(.init(region: area, boundary: boundary, role: role, fill: choropleth.fill(area.code),
                                title: "\(area.title): \(choropleth.text(area.code))"))
        }
        // A desa without an outline of its own gets no map of its neighbours.
        if children.isEmpty && boundaries[region.code] == nil { shapes.removeAll() }
        return RegionMap(drawn: drawn, choropleth: choropleth, entries: entries, boundaryCodes: Set(boundaries.keys), shapes: shapes)
    }

    var label: String { choropleth.texts("map_label", ["indicator": choropleth.texts.name(choropleth.indicator).lowercased(), "region": drawn.title]) }

    /// The map inside a page (its legend is the page's).
    var inlineSVG: String? { RegionMapSVG.render(shapes, label: label) }

    /// The map as a file of its own, legend included.
    var standaloneSVG: String? {
        let texts = choropleth.texts
        return RegionMapSVG.render(shapes, label: label, legend: choropleth.legend, heading: "\(texts.name(choropleth.indicator)) — \(drawn.title)",
                                   note: texts("map_file_note", ["method": texts["class_method_\(choropleth.method.rawValue)"]]), standalone: true)
    }

    /// The map as GeoJSON (a FeatureCollection in WGS 84, for QGIS): each drawn area's outline with its code, name, the
    /// indicator, its rate, count and denominator as the reader may see them (null and `keterangan` "<5"/"×" when
    /// withheld), and its class (1 = lowest, null when hatched).
    var geoJSON: Data {
        let features: [[String: Any]] = shapes.map { shape in
            let entry = choropleth.entries[shape.region.code]
            let value = entry?.value
            let shown = value.map { $0.suppression == nil } ?? false
            var properties: [String: Any] = [
                "kode": shape.region.code.dotted, "nama": shape.region.name, "tingkat": shape.region.level.rawValue,
                "indikator": choropleth.indicator.id, "nama_indikator": choropleth.indicator.nameID,
                "kelas": entry?.classIndex.map { $0 + 1 } ?? NSNull(),
                "warna": choropleth.fill(shape.region.code) == Choropleth.hatchFill ? NSNull() : choropleth.fill(shape.region.code),
                "keterangan": value?.suppression?.text ?? (value?.percent == nil ? Choropleth.noData : ""),
            ]
            properties["persen"] = shown ? (value?.percent.map { ($0 * 100).rounded() / 100 } ?? NSNull()) as Any : NSNull()
            properties["jumlah"] = shown ? (value?.count ?? 0) as Any : NSNull()
            properties["penyebut"] = shown ? (value?.denominator ?? 0) as Any : NSNull()
            let coordinates = shape.boundary.polygons.map { polygon in polygon.map { ring in ring.map { [$0.lon, $0.lat] } } }
            return ["type": "Feature", "properties": properties, "geometry": ["type": "MultiPolygon", "coordinates": coordinates]]
        }
        let collection: [String: Any] = [
            "type": "FeatureCollection", "name": "\(choropleth.indicator.id)-\(drawn.code.dotted)",
            "kelas": choropleth.breaks.map { ["cara": choropleth.method.rawValue, "batas": $0.bounds.map { ($0 * 100).rounded() / 100 }] } ?? NSNull(),
            "features": features,
        ]
        return (try? JSONSerialization.data(withJSONObject: collection, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}

