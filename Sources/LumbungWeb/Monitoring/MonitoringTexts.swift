import LumbungAnalytics
import LumbungDomain

/// The words and figures of the Pemantauan pages in the reader's language (issue 15 item 7): the rincian, the capaian
/// band, a value and its capaian as `Catalogue` writes them. Bahasa Indonesia reads exactly as the domain writes it.
extension Catalogue {
    /// A rincian in words: `TargetSplit.indonesianLabel`, or its English label (age bands by the catalogue's names).
    func name(_ split: TargetSplit) -> String {
        guard isEnglish else { return split.indonesianLabel }
        if split.split == "age_band", let group = split.group, texts["age_band_\(group)"] != nil { return self["age_band_\(group)"] }
        return split.englishLabel
    }

    /// " (perempuan)" after an indicator's name for a rincian, nothing for all.
    func splitNote(_ split: TargetSplit) -> String { split.isAll ? "" : " (\(name(split)))" }

    /// A capaian band's name: one of the standard five from the catalogue (`mon_band_<light>`); any other band by the
    /// name it was given.
    func name(_ band: ScoreBands.Band) -> String {
        guard ScoreBands.standard.bands.contains(band) else { return band.name }
        return self["mon_band_\(band.light.rawValue)"]
    }

    /// A band known by its stored name (`ProgrammeResult.band`): one of the standard five in this language, any other as it is.
    func bandName(_ stored: String) -> String {
        ScoreBands.standard.bands.first { $0.name == stored }.map(name) ?? stored
    }

    /// The bands as the pages' note lists them: "Sangat tinggi > 90% · … · Sangat rendah di bawahnya".
    func bandList(_ bands: ScoreBands = .standard) -> String {
        bands.bands.map { band in
            band.minimum.isFinite ? self("mon_band_above", ["band": name(band), "minimum": amount(band.minimum)])
                : self("mon_band_below", ["band": name(band)])
        }.joined(separator: " · ")
    }

    /// An indicator's value as given (`12,5%`, `1.234`); `–` for none.
    func value(_ value: Double?, unit: Indicator.Unit) -> String {
        guard let value else { return "–" }
        return unit == .percent ? amount(value) + "%" : amount(value)
    }

    /// A capaian: `105,45%`, or `–`.
    func capaian(_ value: Double?) -> String { value.map { amount($0) + "%" } ?? "–" }

    /// A figure of a progress report as the reader sees it: Lumbung's own indicators written the way of this language
    /// from their value; a withheld or missing figure (`<5`, `×`, `–`) and other sources' figures (with their unit
    /// and period) as the report wrote them.
    func figure(_ value: Double?, text: String, of indicator: Indicator) -> String {
        guard isEnglish, let value, IndicatorCatalogue.indicator(indicator.id) != nil else { return text }
        switch indicator.unit {
        case .percent: return percent(value)
        case .count: return number(Int(saturating: value, rounding: .toNearestOrAwayFromZero))
        }
    }
}
