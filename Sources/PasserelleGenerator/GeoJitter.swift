import PasserelleCore

/// A point a short way from a city's centre, rounded to five decimals (about a metre):
/// offices and homes are spread over the town, not piled on GeoNames' point.
enum GeoJitter {
    /// About ±3 km.
    static let spread = 0.03

    static func near(latitude: Double, longitude: Double, _ random: inout SeededRandom) -> GeoPoint {
        func rounded(_ value: Double) -> Double { (value * 100_000).rounded() / 100_000 }
        return GeoPoint(
            latitude: rounded(latitude + random.double(in: -spread...spread)),
            longitude: rounded(longitude + random.double(in: -spread...spread)))
    }
}
