import Foundation
import LumbungDomain

/// The names written on a map, placed so that no two overlap: each name sits at its shape's pole of
/// inaccessibility (the inside point farthest from the outline, so a crescent's name stays inside it), the largest
/// shapes are labelled first, a name whose box would overlap one already placed is tried smaller, and one that
/// still collides is left off — its area stays reachable through the shape's `<title>` (hover, focus, screen readers).
enum MapLabels {
    struct Point: Equatable {
        var x: Double
        var y: Double
    }

    /// An area to label: its name and its polygons in map units (the SVG's), each an outer ring and its holes.
    struct Area {
        let text: String
        let polygons: [[[Point]]]

        init(text: String, polygons: [[[Point]]]) {
            self.text = text
            self.polygons = polygons
        }

        /// One polygon of rings.
        init(text: String, rings: [[Point]]) {
            self.init(text: text, polygons: [rings])
        }

        /// The polygon whose outer ring is largest (the main island): where the name goes.
        var main: [[Point]] {
            polygons.max { MapLabels.ringArea($0.first ?? []) < MapLabels.ringArea($1.first ?? []) } ?? []
        }
    }

    /// A name placed on the map: centred on `x`, `y`, at `fontSize`.
    struct Placed: Equatable {
        let text: String
        let x: Double
        let y: Double
        let fontSize: Double

        /// The box the name covers (an estimate from its length: no font metrics on the server).
        var box: Box { MapLabels.box(text, x: x, y: y, fontSize: fontSize) }
    }

    struct Box: Equatable {
        let minX: Double, minY: Double, maxX: Double, maxY: Double

        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    /// The sizes tried, largest first.
    static let fontSizes = [11.0, 9.5, 8.0]

    /// A name's box: 0,58 em per character (a little wider than the average sans-serif letter) and 1,25 em tall.
    static func box(_ text: String, x: Double, y: Double, fontSize: Double) -> Box {
        let halfWidth = (Double(text.count) * fontSize * 0.58 + 2) / 2, halfHeight = fontSize * 0.625
        return Box(minX: x - halfWidth, minY: y - halfHeight, maxX: x + halfWidth, maxY: y + halfHeight)
    }

    /// The names that fit on a map of `width` × `height`, in the order they were placed.
    static func place(_ areas: [Area], width: Double, height: Double) -> [Placed] {
        let canvas = Box(minX: 0, minY: 0, maxX: width, maxY: height)
        let ordered = areas.enumerated().map { ($0.offset, $0.element, ringArea($0.element.main.first ?? [])) }
            .sorted { ($0.2, -$0.0) > ($1.2, -$1.0) }
        var placed: [Placed] = []
        for (_, area, _) in ordered where !area.text.isEmpty {
            guard let anchor = pole(area.main.map { thinned($0) }) else { continue }
            for size in fontSizes {
                // A name near the edge is moved in so that it stays on the map.
                let bare = Self.box(area.text, x: anchor.x, y: anchor.y, fontSize: size)
                let dx = max(canvas.minX - bare.minX, 0) - max(bare.maxX - canvas.maxX, 0)
                let dy = max(canvas.minY - bare.minY, 0) - max(bare.maxY - canvas.maxY, 0)
                let label = Placed(text: area.text, x: anchor.x + dx, y: anchor.y + dy, fontSize: size)
                let covered = label.box
                let inside = covered.minX >= canvas.minX - 1e-9 && covered.maxX <= canvas.maxX + 1e-9
                    && covered.minY >= canvas.minY - 1e-9 && covered.maxY <= canvas.maxY + 1e-9
                if inside && !placed.contains(where: { $0.box.overlaps(covered) }) {
                    placed.append(label)
                    break
                }
            }
        }
        return placed
    }

    /// The SVG `<g>` of the placed names (not read out: each shape's `<title>` already names it).
    static func svg(_ labels: [Placed]) -> String {
        guard !labels.isEmpty else { return "" }
        var svg = "<g class=\"labels\" aria-hidden=\"true\" pointer-events=\"none\" text-anchor=\"middle\" fill=\"#1d2327\" stroke=\"#ffffff\" stroke-width=\"2.5\" paint-order=\"stroke\" stroke-linejoin=\"round\">"
        for label in labels {
            // The baseline a third of an em below the centre puts the letters' middle on the anchor.
            svg += "<text x=\"\(tenths(label.x))\" y=\"\(tenths(label.y + label.fontSize * 0.35))\" font-size=\"\(tenths(label.fontSize))\">\(HTML.escape(label.text))</text>"
        }
        return svg + "</g>"
    }

    // MARK: Geometry

    /// The inside point farthest from the outline, found on a 9 × 9 grid refined four times around the best point so far;
    /// the box's centre when no grid point falls inside (a sliver thinner than the grid).
    static func pole(_ rings: [[Point]]) -> Point? {
        let points = rings.joined()
        guard let first = points.first else { return nil }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for p in points {
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        var centre = Point(x: (minX + maxX) / 2, y: (minY + maxY) / 2)
        var halfWidth = (maxX - minX) / 2, halfHeight = (maxY - minY) / 2
        var best: (point: Point, distance: Double)?
        let steps = 8
        for _ in 0..<4 {
            for i in 0...steps {
                for j in 0...steps {
                    let p = Point(x: centre.x - halfWidth + 2 * halfWidth * Double(i) / Double(steps),
                                  y: centre.y - halfHeight + 2 * halfHeight * Double(j) / Double(steps))
                    guard contains(p, rings) else { continue }
                    let distance = distanceToOutline(p, rings)
                    if distance > best?.distance ?? -1 { best = (p, distance) }
                }
            }
            guard let found = best else { break }
            centre = found.point
            halfWidth /= 4
            halfHeight /= 4
        }
        return best?.point ?? centre
    }

    /// Even-odd containment over all rings (holes and several polygons alike).
    static func contains(_ p: Point, _ rings: [[Point]]) -> Bool {
        var inside = false
        for ring in rings where ring.count >= 3 {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    static func distanceToOutline(_ p: Point, _ rings: [[Point]]) -> Double {
        var best = Double.infinity
        for ring in rings where ring.count >= 2 {
            for index in ring.indices {
                let a = ring[index], b = ring[(index + 1) % ring.count]
                let dx = b.x - a.x, dy = b.y - a.y
                let length = dx * dx + dy * dy
                let t = length > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / length, 0), 1) : 0
                let ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y
                best = min(best, ex * ex + ey * ey)
            }
        }
        return best.squareRoot()
    }

    /// A ring's area (shoelace): the largest shapes are labelled first.
    static func ringArea(_ ring: [Point]) -> Double {
        var sum = 0.0
        for index in ring.indices {
            let a = ring[index], b = ring[(index + 1) % ring.count]
            sum += a.x * b.y - b.x * a.y
        }
        return abs(sum) / 2
    }

    /// Every k-th point of a ring, at most `limit`: enough to find where a name fits, at a fraction of the cost.
    static func thinned(_ ring: [Point], limit: Int = 64) -> [Point] {
        guard ring.count > limit else { return ring }
        let step = (ring.count + limit - 1) / limit
        return stride(from: 0, to: ring.count, by: step).map { ring[$0] }
    }

    private static func tenths(_ value: Double) -> String {
        let scaled = Int(saturating: value * 10, rounding: .toNearestOrAwayFromZero)
        let sign = scaled < 0 ? "-" : "", magnitude = abs(scaled)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
