import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// Draws region outlines as an inline SVG map: equirectangular projection scaled to fit the box,
/// each shape linked to its region page and titled with its name (shown as a tooltip).
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
    }

    static let width = 640.0
    static let maxHeight = 520.0
    static let padding = 6.0

    /// The SVG element, or `nil` when no shape has any point.
    static func render(_ shapes: [Shape], label: String) -> String? {
        let boxes = shapes.compactMap(\.boundary.boundingBox)
        guard var box = boxes.first else { return nil }
        for other in boxes.dropFirst() { box = box.union(other) }

        let midLat = (box.minLat + box.maxLat) / 2 * .pi / 180
        let xFactor = cos(midLat)
        let spanX = max((box.maxLon - box.minLon) * xFactor, 1e-9)
        let spanY = max(box.maxLat - box.minLat, 1e-9)
        let scale = min((width - 2 * padding) / spanX, (maxHeight - 2 * padding) / spanY)
        let drawnWidth = spanX * scale + 2 * padding
        let drawnHeight = spanY * scale + 2 * padding

        func project(_ p: Boundary.Point) -> (Double, Double) {
            (padding + (p.lon - box.minLon) * xFactor * scale, padding + (box.maxLat - p.lat) * scale)
        }

        var svg = """
            <svg class="region-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(format(drawnWidth)) \(format(drawnHeight))" \
            role="img" aria-label="\(HTML.escape(label))">
            """
        var childIndex = 0
        for role in [Shape.Role.context, .child, .focus] {
            for shape in shapes where shape.role == role {
                let path = pathData(shape.boundary, project: project)
                guard !path.isEmpty else { continue }
                var cssClass = role.rawValue
                if role == .child {
                    cssClass += " tone\(childIndex % 6)"
                    childIndex += 1
                }
                let title = "<title>\(HTML.escape(shape.region.title))</title>"
                let element = "<path class=\"\(cssClass)\" fill-rule=\"evenodd\" d=\"\(path)\">\(title)</path>"
                if role == .focus {
                    svg += element
                } else {
                    svg += "<a href=\"/wilayah/\(shape.region.code.dotted)\">\(element)</a>"
                }
            }
        }
        return svg + "</svg>"
    }

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
