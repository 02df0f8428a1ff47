import Foundation

/// A region's outline: a GeoJSON `MultiPolygon` in WGS 84 longitude/latitude.
///
/// Boundaries are indicative (generalised, not the official BIG boundaries); they are for maps,
/// never for legal borders or area figures.
public struct Boundary: Sendable, Hashable {
    /// A longitude/latitude pair.
    public struct Point: Sendable, Hashable {
        public let lon: Double
        public let lat: Double
        public init(lon: Double, lat: Double) {
            self.lon = lon
            self.lat = lat
        }
    }

    /// Polygons, each an outer ring followed by its holes; each ring a closed list of points.
    public let polygons: [[[Point]]]

    public init(polygons: [[[Point]]]) {
        self.polygons = polygons
    }

    /// Reads the `coordinates` of a GeoJSON MultiPolygon (or Polygon) geometry object.
    public init(geoJSONGeometry data: Data) throws(BoundaryError) {
        let geometry: Geometry
        do {
            geometry = try JSONDecoder().decode(Geometry.self, from: data)
        } catch {
            throw .unreadable
        }
        let raw: [[[[Double]]]]
        switch geometry.type {
        case "MultiPolygon": raw = geometry.coordinates
        default: throw .unsupportedType(geometry.type)
        }
        var polygons: [[[Point]]] = []
        for polygon in raw {
            var rings: [[Point]] = []
            for ring in polygon {
                var points: [Point] = []
                points.reserveCapacity(ring.count)
                for pair in ring {
                    guard pair.count >= 2 else { throw .unreadable }
                    points.append(Point(lon: pair[0], lat: pair[1]))
                }
                rings.append(points)
            }
            polygons.append(rings)
        }
        self.polygons = polygons
    }

    /// The smallest box holding every point, or `nil` for an empty boundary.
    public var boundingBox: BoundingBox? {
        BoundingBox(points: polygons.lazy.flatMap { $0 }.flatMap { $0 })
    }

    private struct Geometry: Decodable {
        let type: String
        let coordinates: [[[[Double]]]]
    }
}

/// A longitude/latitude rectangle.
public struct BoundingBox: Sendable, Hashable {
    public var minLon: Double
    public var minLat: Double
    public var maxLon: Double
    public var maxLat: Double

    public init?(points: some Sequence<Boundary.Point>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        minLon = first.lon; maxLon = first.lon; minLat = first.lat; maxLat = first.lat
        while let p = iterator.next() {
            minLon = min(minLon, p.lon); maxLon = max(maxLon, p.lon)
            minLat = min(minLat, p.lat); maxLat = max(maxLat, p.lat)
        }
    }

    /// The box that holds both boxes.
    public func union(_ other: BoundingBox) -> BoundingBox {
        var box = self
        box.minLon = min(minLon, other.minLon); box.maxLon = max(maxLon, other.maxLon)
        box.minLat = min(minLat, other.minLat); box.maxLat = max(maxLat, other.maxLat)
        return box
    }
}

/// Why a boundary could not be read.
public enum BoundaryError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable
    case unsupportedType(String)

    public var description: String {
        switch self {
        case .unreadable: "The boundary is not a readable GeoJSON geometry."
        case .unsupportedType(let type): "The boundary is a GeoJSON \(type); only MultiPolygon is supported."
        }
    }
}
