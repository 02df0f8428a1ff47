/// Which areas are compared when a page names "the poorest" or ranks areas: a rate of a very small area swings with
/// each family (2 of 3 families is 66,7 %), so areas with fewer than `minimumFamilies` families are left out of
/// such lists. One rule for every list: the region's Ringkasan, Beranda's priority areas and the ranking's default,
/// so they name the same poorest desa.
public enum ComparableArea {
    /// The default smallest area compared: 30 families.
    public static let minimumFamilies = 30

    /// Whether an area of `families` families is compared, with `minimum` families at least (default `minimumFamilies`).
    public static func isCompared(families: Int, minimum: Int = minimumFamilies) -> Bool {
        families >= max(minimum, 0)
    }
}
