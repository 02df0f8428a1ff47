import Foundation
import HTTPTypes
import Hummingbird
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
    let children: [ChildRow]
    let villageTotal: String?
    /// The region's most urgent facts in words, once data has been imported.
    let summary: String?
    let indicatorHref: String
    /// The ranking of the desa within the region (none for a desa itself).
    let rankingHref: String?

    init(region: Region, tree: RegionTree, mapSVG: String?, boundaryCodes: Set<RegionCode>, summary: String?) {
        self.summary = summary
        indicatorHref = "/wilayah/\(region.code.dotted)/indikator"
        rankingHref = region.code.depth < 4 ? "/peringkat?within=\(region.code.dotted)&level=desa" : nil
        let path = tree.path(to: region.code)
        title = "\(region.title) — Lumbung"
        query = ""
        heading = region.title
        code = region.code.dotted
        levelLabel = region.level.label
        let parent = region.parentCode.flatMap { tree[$0] }
        parentTitle = parent?.title
        parentHref = parent.map { "/wilayah/\($0.code.dotted)" }
        crumbs = path.map { Crumb(title: $0.title, href: "/wilayah/\($0.code.dotted)", isCurrent: $0.code == region.code) }
        self.mapSVG = mapSVG
        childrenHeading = region.level.childrenLabel
        let children = tree.children(of: region.code)
        self.children = children.map { child in
            ChildRow(
                code: child.code.dotted, name: child.name, href: "/wilayah/\(child.code.dotted)", levelLabel: child.level.label,
                villageCount: child.code.depth < 4 ? IndonesianNumber.format(tree.descendants(of: child.code, depth: 4).count) : "",
                hasBoundary: boundaryCodes.contains(child.code)
            )
        }
        villageTotal = region.code.depth < 4 ? IndonesianNumber.format(tree.descendants(of: region.code, depth: 4).count) : nil
        let missing = children.filter { !boundaryCodes.contains($0.code) }
        if mapSVG == nil {
            mapNote = "Batas wilayah ini belum tersedia di data referensi."
        } else if !missing.isEmpty {
            mapNote = "Batas \(missing.count) wilayah belum tersedia (wilayah pemekaran baru): "
                + missing.map(\.name).joined(separator: ", ") + ". Wilayahnya masih tercakup oleh batas wilayah induknya."
        } else {
            mapNote = nil
        }
    }
}
