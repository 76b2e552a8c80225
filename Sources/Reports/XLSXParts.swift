import Foundation

/// The fixed parts of an XLSX package and the workbook that names the sheets.
enum XLSXParts {
    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Cell styles (indexes of `cellXfs` below).
    enum Style: Int {
        case plain = 0, header, date, hours, percent
    }

    static let drawingType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
    static let chartType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"

    /// A relationships part: (id, type, target) each.
    static func relationships(_ items: [(String, String, String)]) -> String {
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + items.map { #"<Relationship Id="\#($0.0)" Type="\#($0.1)" Target="\#($0.2)"/>"# }.joined() + "</Relationships>"
    }

    static func contentTypes(sheets: Int, drawings: Int = 0, charts: Int = 0) -> String {
        let sheetTypes = (0..<sheets).map {
            #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined() + (0..<drawings).map {
            #"<Override PartName="/xl/drawings/drawing\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>"#
        }.joined() + (0..<charts).map {
            #"<Override PartName="/xl/charts/chart\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>"#
        }.joined()
        return header + #"""
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\#
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\#
            <Default Extension="xml" ContentType="application/xml"/>\#
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\#
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\#
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\#
            <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\#
            \#(sheetTypes)</Types>
            """#
    }

    static let rootRelationships = header + #"""
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\#
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\#
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\#
        </Relationships>
        """#

    static let app = header + #"""
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Otklik</Application></Properties>
        """#

    static func core(title: String, created: Date) -> String {
        let stamp = ISO8601DateFormatter().string(from: created)
        return header + #"""
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \#
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \#
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\#
            <dc:title>\#(XMLText.escape(title))</dc:title><dc:creator>Otklik</dc:creator>\#
            <dcterms:created xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:created></cp:coreProperties>
            """#
    }

    /// The sheets by name; a filter's range is a hidden defined name, as Excel itself writes it.
    static func workbook(names: [String], tables: [ExportTable]) -> String {
        let sheets = names.enumerated().map { index, name in
            #"<sheet name="\#(XMLText.escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        let filters = zip(names, tables).enumerated().compactMap { index, pair -> String? in
            guard let range = XLSXSheet.filterRange(pair.1) else { return nil }
            let quoted = "'" + pair.0.replacingOccurrences(of: "'", with: "''") + "'"
            return #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">"#
                + XMLText.escape("\(quoted)!\(range.absolute)") + "</definedName>"
        }.joined() + names.enumerated().map { index, name in
            // Printed, every page repeats the header row.
            let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
            return #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">"# + XMLText.escape("\(quoted)!$1:$1") + "</definedName>"
        }.joined()
        return header + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)">"#
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>\(sheets)</sheets>"
            + (filters.isEmpty ? "" : "<definedNames>\(filters)</definedNames>") + "</workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        let worksheet = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
        let items = (0..<sheets).map {
            #"<Relationship Id="rId\#($0 + 1)" Type="\#(worksheet)" Target="worksheets/sheet\#($0 + 1).xml"/>"#
        }.joined()
        let styles = #"<Relationship Id="rId\#(sheets + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + items + styles + "</Relationships>"
    }

    /// Fonts: regular and bold. Formats: 164 local date and time, 165 hours with one decimal, 9 (built in) percent.
    static let styles = header + #"""
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\#
        <numFmts count="2"><numFmt numFmtId="164" formatCode="dd.mm.yyyy hh:mm"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts>\#
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\#
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\#
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\#
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\#
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\#
        <cellXfs count="5">\#
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\#
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\#
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\#
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\#
        <xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\#
        </cellXfs>\#
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\#
        </styleSheet>
        """#

    /// Names Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending with `'`, unique.
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used: Set<String> = []
        return wanted.enumerated().map { index, name in
            var clean = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
                .trimmingCharacters(in: CharacterSet(charactersIn: "'").union(.whitespaces))
            if clean.isEmpty { clean = "Sheet\(index + 1)" }
            clean = String(clean.prefix(31))
            var candidate = clean
            var n = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = String(clean.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}

/// Text made safe for XML: markup escaped, characters XML 1.0 forbids dropped.
enum XMLText {
    static func escape(_ text: String) -> String {
        // Most cells need nothing done: skip the character loop for them.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
