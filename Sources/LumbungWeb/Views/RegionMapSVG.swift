import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// Draws region outlines as an inline SVG map: equirectangular projection scaled to fit the box,
/// each shape linked to its region page and titled with its name (and value, on a choropleth), shown as a tooltip.
enum RegionMapSVG {
    /// One outline on the map.
    struct Shape {
        enum Role: String {
            /// The region the page is about.
            case focus
            /// A region one level down, linked for drill-down.
            case child
            /// A neighbour shown for orientation.
            case context
        }
        let region: Region
        let boundary: Boundary
        let role: Role
        /// A choropleth's colour (or the hatch), `nil` for the plain map.
        var fill: String? = nil
        /// The tooltip; the region's title when `nil`.
        var title: String? = nil
    }

    static let width = 640.0
    static let maxHeight = 520.0
    static let padding = 6.0

    /// The SVG element, or `nil` when no shape has any point.
    ///
    /// - Parameters:
    ///   - legend: drawn inside the SVG below the map, with `heading` (the standalone `peta.svg`; pages draw theirs in HTML).
    ///   - standalone: a file of its own: XML declaration, and every style an attribute (no stylesheet applies).
    static func render(_ shapes: [Shape], label: String, legend: [Choropleth.LegendItem]? = nil, heading: String? = nil,
                       note: String? = nil, standalone: Bool = false) -> String? {
        let boxes = shapes.compactMap(\.boundary.boundingBox)
        guard var box = boxes.first else { return nil }
        for other in boxes.dropFirst() { box = box.union(other) }

        let midLat = (box.minLat + box.maxLat) / 2 * .pi / 180
        let xFactor = cos(midLat)
        let spanX = max((box.maxLon - box.minLon) * xFactor, 1e-9)
        let spanY = max(box.maxLat - box.minLat, 1e-9)
        let scale = min((width - 2 * padding) / spanX, (maxHeight - 2 * padding) / spanY)
        let drawnWidth = max(spanX * scale + 2 * padding, legend == nil ? 0 : 320)
        let mapHeight = spanY * scale + 2 * padding
        let legendLines = (legend?.count ?? 0) + (heading == nil ? 0 : 1) + (note == nil ? 0 : 1)
        let legendHeight = legend == nil ? 0 : Double(legendLines) * 20 + 12
        let drawnHeight = mapHeight + legendHeight

        func project(_ p: Boundary.Point) -> (Double, Double) {
            (padding + (p.lon - box.minLon) * xFactor * scale, padding + (box.maxLat - p.lat) * scale)
        }

        var svg = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        svg += """
            <svg class="region-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(format(drawnWidth)) \(format(drawnHeight))" \
            role="img" aria-label="\(HTML.escape(label))"
            """
        if standalone { svg += " width=\"\(format(drawnWidth))\" height=\"\(format(drawnHeight))\" font-family=\"DejaVu Sans, sans-serif\"" }
        svg += ">"
        if standalone { svg += "<title>\(HTML.escape(label))</title>" }
        let choropleth = shapes.contains { $0.fill != nil }
        if choropleth { svg += hatchPattern }
        var childIndex = 0
        for role in [Shape.Role.context, .child, .focus] {
            for shape in shapes where shape.role == role {
                let path = pathData(shape.boundary, project: project)
                guard !path.isEmpty else { continue }
                var cssClass = role.rawValue
                var attributes = ""
                if let fill = shape.fill {
                    cssClass = "area " + role.rawValue
                    let (stroke, strokeWidth) = role == .focus ? ("#1d2327", "2.4") : ("#5b6770", "0.6")
                    attributes = " fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(strokeWidth)\""
                } else if role == .child {
                    cssClass += " tone\(childIndex % 6)"
                    childIndex += 1
                }
                let title = "<title>\(HTML.escape(shape.title ?? shape.region.title))</title>"
                let element = "<path class=\"\(cssClass)\"\(attributes) fill-rule=\"evenodd\" d=\"\(path)\">\(title)</path>"
                if role == .focus {
                    svg += element
                } else {
                    svg += "<a href=\"/wilayah/\(shape.region.code.dotted)\">\(element)</a>"
                }
            }
        }
        // The names, without collisions: the areas one level down, or on a map without any, the region and its neighbours.
        let named = shapes.contains { $0.role == .child } ? shapes.filter { $0.role == .child } : shapes
        let areas = named.map { shape in
            MapLabels.Area(text: shape.region.name, polygons: shape.boundary.polygons.map { polygon in
                polygon.map { ring in
                    ring.map { point in
                        let (x, y) = project(point)
                        return MapLabels.Point(x: x, y: y)
                    }
                }
            })
        }
        svg += MapLabels.svg(MapLabels.place(areas, width: drawnWidth, height: mapHeight))
        if let legend {
            var y = mapHeight + 16
            if let heading {
                svg += "<text x=\"\(format(padding))\" y=\"\(format(y))\" font-size=\"13\" font-weight=\"bold\">\(HTML.escape(heading))</text>"
                y += 20
            }
            for item in legend {
                let fill = item.hatched ? Choropleth.hatchFill : item.colour
                svg += "<rect x=\"\(format(padding))\" y=\"\(format(y - 11))\" width=\"22\" height=\"14\" fill=\"\(fill)\" stroke=\"#5b6770\" stroke-width=\"0.6\"/>"
                svg += "<text x=\"\(format(padding + 30))\" y=\"\(format(y))\" font-size=\"12\">\(HTML.escape(item.label))</text>"
                y += 20
            }
            if let note {
                svg += "<text x=\"\(format(padding))\" y=\"\(format(y))\" font-size=\"10\" fill=\"#5b6770\">\(HTML.escape(note))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// The hatch of withheld or missing values: grey diagonals on white.
    static let hatchPattern = """
        <defs><pattern id="\(Choropleth.hatchID)" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a949b" stroke-width="2"/></pattern></defs>
        """

    /// SVG path data for all rings, at 0.1-unit precision, skipping points that round onto the previous one.
    static func pathData(_ boundary: Boundary, project: (Boundary.Point) -> (Double, Double)) -> String {
        var data = ""
        for ring in boundary.polygons.joined() where ring.count >= 3 {
            var last: (Int, Int)?
            var count = 0
            var ringData = ""
            for point in ring {
                let (x, y) = project(point)
                let rounded = (Int(saturating: x * 10, rounding: .toNearestOrAwayFromZero), Int(saturating: y * 10, rounding: .toNearestOrAwayFromZero))
                if let last, last == rounded { continue }
                ringData += (count == 0 ? "M" : "L") + tenths(rounded.0) + " " + tenths(rounded.1)
                last = rounded
                count += 1
            }
            if count >= 3 { data += ringData + "Z" }
        }
        return data
    }

    private static func tenths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    private static func format(_ value: Double) -> String {
        tenths(Int(saturating: value * 10, rounding: .toNearestOrAwayFromZero))
    }
}

/// Escaping for text placed into HTML or SVG by code (templates escape on their own).
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
