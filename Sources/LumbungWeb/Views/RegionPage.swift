import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The model of a region's page: breadcrumb, facts, map and the list of regions one level down.
struct RegionPage {
    struct Crumb {
        let title: String
        let href: String
        let isCurrent: Bool
    }

    struct ChildRow {
        let code: String
        let name: String
        let href: String
        let levelLabel: String
        /// Desa/kelurahan inside the child (empty for a desa itself).
        let villageCount: String
        let hasBoundary: Bool
        /// People, families and the mapped indicator, as the reader may see them ("<5", "×").
        let people: String
        let families: String
        let value: String
        let valueDetail: String?
        /// The legend colour of the child's value (empty when hatched).
        let colour: String
    }

    struct SortLink {
        let href: String
        let current: Bool
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct LegendRow {
        let colour: String
        let label: String
        let hatched: Bool
    }

    let title: String
    let query: String
    let heading: String
    let code: String
    let levelLabel: String
    let parentTitle: String?
    let parentHref: String?
    let crumbs: [Crumb]
    let mapSVG: String?
    let mapNote: String?
    let childrenHeading: String?
    /// "Desa/Kelurahan di Kecamatan Keruak" and the download line above the table.
    let childrenTitle: String
    let downloadText: String
    let children: [ChildRow]
    let villageTotal: String?
    /// The region's most urgent facts in words, once data has been imported.
    let summary: String?
    let indicatorHref: String
    /// The brief to print (`/wilayah/{code}/ringkas`), with the map's choice.
    let briefHref: String
    /// The ranking of the desa within the region (none for a desa itself).
    let rankingHref: String?
    /// The map's choices and legend.
    let indicatorOptions: [Option]
    let methodOptions: [Option]
    let legend: [LegendRow]
    let legendHeading: String
    let legendNote: String
    let valueHeading: String
    let svgHref: String
    let geoJSONHref: String
    let exportCSV: String
    let exportXLSX: String
    /// The table's column headings as links that sort it: code, name, families, people, the mapped rate.
    let sortCode: SortLink, sortName: SortLink, sortFamilies: SortLink, sortPeople: SortLink, sortValue: SortLink
    /// Data date, source and last import (printed too).
    let freshness: String

    /// One figure another body published for this region (`ExternalIndicator`): its newest value, period and source.
    struct ExternalRow {
        let name: String
        let href: String
        let value: String
        let period: String
        let source: String
    }

    /// "Data dari sumber lain": the newest value of each external indicator with one for this region.
    var external: [ExternalRow] = [] {
        didSet { hasExternal = !external.isEmpty }
    }
    /// Stored, not computed: templates see stored fields only.
    private(set) var hasExternal = false

    init(region: Region, tree: RegionTree, map: RegionMap, request: MapRequest, summary: String?, freshness: DataFreshness, texts: Catalogue) {
        self.freshness = DashboardPage.freshnessText(freshness, zone: IndonesianTimeZone(region: region.code), texts: texts) + " " + texts["source_registry"]
        let mapSVG = map.inlineSVG
        let boundaryCodes = map.boundaryCodes
        self.summary = summary
        let choropleth = map.choropleth
        indicatorOptions = MapRequest.indicators.map { Option(value: $0.id, label: texts.name($0), selected: $0.id == request.indicator.id) }
        methodOptions = ClassMethod.allCases.map { Option(value: $0.rawValue, label: texts["class_method_\($0.rawValue)"], selected: $0 == request.method) }
        legend = choropleth.legend.map { LegendRow(colour: $0.colour, label: $0.label, hatched: $0.hatched) }
        legendHeading = DashboardPage.legendHeading(request.indicator, map: map, texts: texts)
        legendNote = choropleth.note
        valueHeading = texts.name(request.indicator)
        svgHref = "/wilayah/\(region.code.dotted)/peta.svg?\(request.query)"
        geoJSONHref = "/wilayah/\(region.code.dotted)/peta.geojson?\(request.query)"
        exportCSV = "/wilayah/\(region.code.dotted)/indikator.csv"
        exportXLSX = "/wilayah/\(region.code.dotted)/indikator.xlsx"
        let figures = Dictionary(map.entries.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        indicatorHref = "/wilayah/\(region.code.dotted)/indikator"
        briefHref = "/wilayah/\(region.code.dotted)/ringkas?\(request.query)"
        rankingHref = region.code.depth < 4 ? "/peringkat?within=\(region.code.dotted)&level=desa" : nil
        let path = tree.path(to: region.code)
        title = "\(region.title) — Lumbung"
        query = ""
        heading = region.title
        code = region.code.dotted
        levelLabel = texts["level_\(region.level.rawValue)"]
        let parent = region.parentCode.flatMap { tree[$0] }
        parentTitle = parent?.title
        parentHref = parent.map { "/wilayah/\($0.code.dotted)" }
        crumbs = path.map { Crumb(title: $0.title, href: "/wilayah/\($0.code.dotted)", isCurrent: $0.code == region.code) }
        self.mapSVG = mapSVG
        childrenHeading = region.level.childrenLabel.map { _ in texts["level_children_\(region.level.rawValue)"] }
        childrenTitle = texts("region_children", ["children": childrenHeading ?? "", "region": region.title])
        downloadText = texts("region_download", ["children": childrenHeading ?? "", "region": region.title])
        let children = tree.children(of: region.code)
        /// The number a row is sorted by, as the reader sees it: a withheld or missing figure sorts last, whatever it hides.
        func shown(_ child: Region, _ id: String, percent: Bool) -> Double? {
            guard let value = figures[child.code.dotted]?.values.first(where: { $0.indicator == id }), value.suppression == nil else { return nil }
            return percent ? value.percent : Double(value.count)
        }
        let key: (Region) -> Double? = switch request.sort {
        case .code, .name: { _ in nil }
        case .families: { shown($0, "families", percent: false) }
        case .people: { shown($0, "people", percent: false) }
        case .value: { shown($0, request.indicator.id, percent: true) }
        }
        let ordered = children.enumerated().sorted { a, b in
            switch request.sort {
            case .code: return a.offset < b.offset
            case .name: return (a.element.name, a.offset) < (b.element.name, b.offset)
            default:
                switch (key(a.element), key(b.element)) {
                case let (x?, y?): return x != y ? x > y : a.offset < b.offset
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a.offset < b.offset
                }
            }
        }.map(\.element)
        func link(_ sort: MapRequest.Sort) -> SortLink {
            SortLink(href: "/wilayah/\(region.code.dotted)?\(request.query(sort: sort))#wilayah-di-bawah", current: sort == request.sort)
        }
        (sortCode, sortName, sortFamilies, sortPeople, sortValue) = (link(.code), link(.name), link(.families), link(.people), link(.value))
        self.children = ordered.map { child in
            let values = figures[child.code.dotted]?.values ?? []
            func count(_ id: String) -> String {
                guard let value = values.first(where: { $0.indicator == id }) else { return "" }
                return value.suppression?.text ?? texts.number(value.count)
            }
            let mapped = values.first { $0.indicator == request.indicator.id }
            let fill = choropleth.fill(child.code)
            return ChildRow(
                code: child.code.dotted, name: child.name, href: "/wilayah/\(child.code.dotted)?\(request.query)", levelLabel: texts["level_\(child.level.rawValue)"],
                villageCount: child.code.depth < 4 ? texts.number(tree.descendants(of: child.code, depth: 4).count) : "",
                hasBoundary: boundaryCodes.contains(child.code),
                people: count("people"), families: count("families"),
                value: mapped.map { $0.suppression?.text ?? texts.percent($0.percent) } ?? "",
                valueDetail: mapped.flatMap { $0.suppression == nil && $0.percent != nil ? texts.number($0.count) : nil },
                colour: fill == Choropleth.hatchFill ? "" : fill
            )
        }
        villageTotal = region.code.depth < 4 ? texts.number(tree.descendants(of: region.code, depth: 4).count) : nil
        let missing = children.filter { !boundaryCodes.contains($0.code) }
        if mapSVG == nil {
            mapNote = texts["map_no_boundary"]
        } else if !missing.isEmpty {
            mapNote = texts("map_missing_boundaries", ["count": texts.number(missing.count), "names": missing.map(\.name).joined(separator: ", ")])
        } else {
            mapNote = nil
        }
    }
}

extension RegionPage {
    /// The page from plain values (no database): the figures, the drawn map and the data's freshness; the Ringkasan
    /// is written from the figures in the page's language.
    static func build(region: Region, tree: RegionTree, figures: RegionFigures.Figures, map: RegionMap, request: MapRequest,
                      freshness: DataFreshness, texts: Catalogue) -> RegionPage {
        let summary = figures.totals[region.code.province].families == 0 ? nil
            : RegionSummary(region: region, totals: figures.totals, disclosure: figures.disclosure)
        return RegionPage(region: region, tree: tree, map: map, request: request, summary: summary.map(texts.text),
                          freshness: freshness, texts: texts)
    }
}
