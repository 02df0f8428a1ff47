import Foundation
import LumbungDomain
@testable import LumbungWeb
import Testing

/// Issue 15 item 2: the names on a server-drawn map never overlap; a name that does not fit is left to the shape's `<title>`.
@Suite struct MapLabelTests {
    typealias P = MapLabels.Point

    static func square(_ x: Double, _ y: Double, _ side: Double) -> [[P]] {
        [[P(x: x, y: y), P(x: x + side, y: y), P(x: x + side, y: y + side), P(x: x, y: y + side), P(x: x, y: y)]]
    }

    /// Whether two names overlap, with boxes no wider than half an em per letter and one em tall: smaller than any
    /// box the placement may assume, so an overlap here is an overlap there.
    static func overlap(_ a: MapLabels.Placed, _ b: MapLabels.Placed) -> Bool {
        let aw = Double(a.text.count) * a.fontSize * 0.25, bw = Double(b.text.count) * b.fontSize * 0.25
        return abs(a.x - b.x) < aw + bw && abs(a.y - b.y) < (a.fontSize + b.fontSize) / 2
    }

    @Test func neighbours_of_20_units_with_long_names_get_one_label_not_two_overlapping() {
        // Two 20 × 20 squares side by side: their centres are 20 apart, and "Pulau Maringkik" at the smallest size
        // (8) is 15 × 8 × 0,5 = 60 wide at least — the two names cannot both sit on their shapes.
        let areas = [MapLabels.Area(text: "Selebung Ketangga", rings: Self.square(200, 100, 20)),
                     MapLabels.Area(text: "Pulau Maringkik", rings: Self.square(220, 100, 20))]
        let placed = MapLabels.place(areas, width: 640, height: 300)
        #expect(placed.count == 1)
        #expect(placed.first?.text == "Selebung Ketangga", "equal areas: the first listed is labelled")
        #expect(placed.first.map { abs($0.x - 210) < 1 && abs($0.y - 110) < 1 } == true, "at the square's centre")
    }

    @Test func a_crowded_row_of_shapes_never_gets_two_overlapping_names() {
        // Ten 30-unit squares in a row, and five more below, each with a name of 8–14 letters.
        let names = ["Tanjung Luar", "Pijot", "Sepit", "Keruak", "Batu Putik", "Montong Beter", "Ketapang Raya", "Jerowaru",
                     "Pare Mas", "Sekaroh", "Seriwe", "Pemongkong", "Wakan", "Sukaraja", "Ekas Buana"]
        let areas = names.enumerated().map { index, name in
            MapLabels.Area(text: name, rings: Self.square(Double(index % 10) * 30 + 10, Double(index / 10) * 30 + 10, 30))
        }
        let placed = MapLabels.place(areas, width: 320, height: 80)
        #expect(!placed.isEmpty && placed.count < names.count)
        for (i, a) in placed.enumerated() {
            for b in placed[(i + 1)...] { #expect(!Self.overlap(a, b), "\(a.text) and \(b.text) overlap") }
            #expect(a.x >= 0 && a.x <= 320 && a.y >= 0 && a.y <= 80)
        }
        // Far apart, both fit at the largest size.
        let apart = MapLabels.place([MapLabels.Area(text: "Sakra", rings: Self.square(20, 20, 100)),
                                     MapLabels.Area(text: "Sakra Barat", rings: Self.square(400, 20, 100))], width: 640, height: 200)
        #expect(apart.map(\.text).sorted() == ["Sakra", "Sakra Barat"] && apart.allSatisfy { $0.fontSize == 11 })
    }

    @Test func a_u_shaped_area_has_its_name_inside_it_not_in_its_notch() {
        // 300 × 300 with a notch x 90–210, y 0–210 cut from the top: the box's centre (150, 150) is in the notch.
        let u = [[P(x: 0, y: 0), P(x: 90, y: 0), P(x: 90, y: 210), P(x: 210, y: 210), P(x: 210, y: 0), P(x: 300, y: 0),
                  P(x: 300, y: 300), P(x: 0, y: 300), P(x: 0, y: 0)]]
        let pole = try? #require(MapLabels.pole(u))
        guard let pole else { return }
        // The widest part is 90 across (an arm or the bottom bar): the pole is at least 30 from every edge.
        let inNotch = pole.x > 90 - 30 && pole.x < 210 + 30 && pole.y < 210 + 30
        let inOuter = pole.x >= 30 && pole.x <= 270 && pole.y >= 30 && pole.y <= 270
        #expect(!inNotch && inOuter, "pole at \(pole.x), \(pole.y)")
    }

    @Test func the_svg_map_writes_a_placed_name_once_and_keeps_every_name_in_a_title() throws {
        // Two tiny adjacent desa beside a large one, in degrees: the tiny pair cannot both carry a name.
        func square(_ lon: Double, _ lat: Double, _ side: Double) -> Boundary {
            Boundary(polygons: [[[.init(lon: lon, lat: lat), .init(lon: lon + side, lat: lat), .init(lon: lon + side, lat: lat + side),
                                  .init(lon: lon, lat: lat + side), .init(lon: lon, lat: lat)]]])
        }
        let shapes = [
            RegionMapSVG.Shape(region: Region(code: try RegionCode("52.03.01.2001"), name: "Tanjung Luar", level: .desa), boundary: square(116.0, -8.8, 0.2), role: .child),
            RegionMapSVG.Shape(region: Region(code: try RegionCode("52.03.01.2002"), name: "Pijot Selatan Raya", level: .desa), boundary: square(116.3, -8.8, 0.004), role: .child),
            RegionMapSVG.Shape(region: Region(code: try RegionCode("52.03.01.2003"), name: "Selebung Ketangga", level: .desa), boundary: square(116.304, -8.8, 0.004), role: .child),
        ]
        let svg = try #require(RegionMapSVG.render(shapes, label: "Peta"))
        #expect(svg.components(separatedBy: "<text ").count - 1 == 2)
        #expect(svg.contains(">Tanjung Luar</text>"))
        #expect(svg.contains(">Pijot Selatan Raya</text>") != svg.contains(">Selebung Ketangga</text>"))
        for name in ["Tanjung Luar", "Pijot Selatan Raya", "Selebung Ketangga"] { #expect(svg.contains("<title>Desa \(name)")) }
    }
}
