import Mustache

/// A page model as a template sees it: its own fields, plus `t` (the catalogue of the page's language: `{{t.key}}`),
/// `lang` (`id`/`en`, for `<html lang>`) and `languageSwitchHref` (this page in the other language).
struct LocalizedModel: MustacheParent {
    let model: Any
    let catalogue: Catalogue
    let languageSwitchHref: String

    func child(named name: String) -> Any? {
        switch name {
        case "t": return catalogue.texts
        case "lang": return catalogue.language.rawValue
        case "languageSwitchHref": return languageSwitchHref
        default:
            guard let found = Mirror(reflecting: model).children.first(where: { $0.label == name }) else { return nil }
            // An optional field is its value, or nothing.
            let value = Mirror(reflecting: found.value)
            guard value.displayStyle == .optional else { return found.value }
            return value.children.first?.value
        }
    }
}
