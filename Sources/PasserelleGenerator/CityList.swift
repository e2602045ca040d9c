import Foundation
import PasserelleCore

/// The cities of cities.tsv (GeoNames, population >= 15,000), without the rows marked as
/// districts of a bigger city, each country's drawn in proportion to population.
struct CityList: Sendable {
    /// Country index (``CountryProfile/all``) of each city.
    let country: [UInt8]
    /// The local form of the name (München, Roma).
    let name: [String]
    /// The Chinese name, for CN cities that have one.
    let chineseName: [String?]
    /// The region in the local language.
    let region: [String]
    let chineseRegion: [String?]
    let latitude: [Double]
    let longitude: [Double]
    /// City indices of each country, most populous first.
    let byCountry: [[Int32]]
    /// Draws a position in `byCountry[country]`, in proportion to population.
    let samplers: [WeightedSampler]

    init(directory: URL) throws(GeneratorError) {
        let table = try TSVTable(
            "cities.tsv", in: directory,
            requiring: [
                "country", "local_name", "name_zh", "latitude", "longitude", "population", "region", "region_zh",
                "part_of",
            ])
        var country: [UInt8] = []
        var name: [String] = []
        var chineseName: [String?] = []
        var region: [String] = []
        var chineseRegion: [String?] = []
        var latitude: [Double] = []
        var longitude: [Double] = []
        var byCountry = Array(repeating: [Int32](), count: CountryProfile.all.count)
        var populations = Array(repeating: [Double](), count: CountryProfile.all.count)
        for row in table.rows {
            // A district is already counted in its city's population.
            guard table[row, "part_of"].isEmpty,
                let code = Country(String(table[row, "country"])),
                let index = CountryProfile.index(of: code),
                let lat = Double(table[row, "latitude"]), let lon = Double(table[row, "longitude"]),
                let population = Double(table[row, "population"])
            else { continue }
            byCountry[index].append(Int32(name.count))
            populations[index].append(population)
            country.append(UInt8(index))
            name.append(String(table[row, "local_name"]))
            let zh = table[row, "name_zh"]
            chineseName.append(zh.isEmpty ? nil : String(zh))
            region.append(String(table[row, "region"]))
            let regionZH = table[row, "region_zh"]
            chineseRegion.append(regionZH.isEmpty ? nil : String(regionZH))
            latitude.append(lat)
            longitude.append(lon)
        }
        for (index, cities) in byCountry.enumerated() where cities.isEmpty {
            throw .malformedList(
                directory.appendingPathComponent("cities.tsv").path,
                "no city of \(CountryProfile.all[index].country)")
        }
        self.country = country
        self.name = name
        self.chineseName = chineseName
        self.region = region
        self.chineseRegion = chineseRegion
        self.latitude = latitude
        self.longitude = longitude
        self.byCountry = byCountry
        samplers = populations.map { WeightedSampler($0) }
    }

    /// A city of country `country`, in proportion to population.
    func draw(country: Int, _ random: inout SeededRandom) -> Int {
        Int(byCountry[country][samplers[country].draw(&random)])
    }

    /// The city's name as a text in `chinese` or not would write it.
    func displayName(_ city: Int, chinese: Bool) -> String {
        chinese ? (chineseName[city] ?? name[city]) : name[city]
    }

    /// The region's name, likewise.
    func displayRegion(_ city: Int, chinese: Bool) -> String {
        chinese ? (chineseRegion[city] ?? region[city]) : region[city]
    }
}
