import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// The model of the region search results page.
struct SearchPage {
    struct Result {
        let title: String
        let code: String
        let href: String
        /// Where the region lies: "Kecamatan Sakra › Kabupaten Lombok Timur".
        let within: String
    }

    let title: String
    let query: String
    let results: [Result]
    let hasResults: Bool
    let summary: String

    init(query: String, found: [Region], tree: RegionTree, texts: Catalogue) {
        title = "\(texts["search_label"]): \(query) — Lumbung"
        self.query = query
        results = found.map { region in
            Result(
                title: region.title, code: region.code.dotted, href: "/wilayah/\(region.code.dotted)",
                within: tree.path(to: region.code).dropLast().reversed().dropLast().map(\.title).joined(separator: " › ")
            )
        }
        hasResults = !found.isEmpty
        summary = found.isEmpty ? texts("search_none", ["query": query])
            : texts("search_found", ["count": texts.number(found.count), "query": query])
    }
}
