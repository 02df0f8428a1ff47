import Foundation
import LumbungDomain
import Testing

@Suite struct BoundaryTests {
    @Test func a_multipolygon_is_read_with_its_bounding_box() throws {
        let json = #"{"type":"MultiPolygon","coordinates":[[[[116.1,-8.6],[116.3,-8.6],[116.3,-8.4],[116.1,-8.6]]],[[[116.5,-8.9],[116.6,-8.9],[116.6,-8.8],[116.5,-8.9]]]]}"#
        let boundary = try Boundary(geoJSONGeometry: Data(json.utf8))
        #expect(boundary.polygons.count == 2)
        #expect(boundary.polygons[0][0].count == 4)
        let box = try #require(boundary.boundingBox)
        #expect(box.minLon == 116.1 && box.maxLon == 116.6 && box.minLat == -8.9 && box.maxLat == -8.4)
    }

    @Test func other_geometries_and_garbage_are_refused() {
        #expect(throws: BoundaryError.unsupportedType("Point")) {
            try Boundary(geoJSONGeometry: Data(#"{"type":"Point","coordinates":[]}"#.utf8))
        }
        #expect(throws: BoundaryError.unreadable) { try Boundary(geoJSONGeometry: Data("not json".utf8)) }
    }
}
