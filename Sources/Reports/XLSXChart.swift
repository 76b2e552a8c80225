import Foundation

/// A sheet's charts as DrawingML: the drawing that places them and one chart part each, with their
/// cells' values cached so a viewer that does not recalculate still shows them.
struct XLSXChart {
    static let chartNamespace = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    static let drawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let spreadsheetDrawing = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"

    /// The drawing of a sheet: one anchored frame per chart, `rId<n>` the n-th chart.
    static func drawing(_ charts: [ExportChart]) -> String {
        var out = XLSXParts.header + ##"<xdr:wsDr xmlns:xdr="\##(spreadsheetDrawing)" xmlns:a="\##(drawingNamespace)">"##
        for (index, chart) in charts.enumerated() {
            out += "<xdr:twoCellAnchor>"
            out += ##"<xdr:from><xdr:col>\##(chart.column)</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>\##(chart.row)</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"##
            out += ##"<xdr:to><xdr:col>\##(chart.column + chart.width)</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>\##(chart.row + chart.height)</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"##
            out += ##"<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="\##(index + 2)" name="Chart \##(index + 1)"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"##
            out += ##"<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>"##
            out += ##"<a:graphic><a:graphicData uri="\##(chartNamespace)"><c:chart xmlns:c="\##(chartNamespace)" xmlns:r="\##(XLSXParts.relationships)" r:id="rId\##(index + 1)"/></a:graphicData></a:graphic>"##
            out += "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
        }
        return out + "</xdr:wsDr>"
    }

    /// One chart part: the series read from `sheet`'s cells of `table`.
    static func chart(_ chart: ExportChart, table: ExportTable, sheet: String) -> String {
        let quoted = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        // Sheet rows are 1-based and the header is row 1: table row r is sheet row r + 2.
        func ref(_ column: Int, _ rows: Range<Int>) -> String {
            let c = XLSXSheet.columnName(column)
            return "\(quoted)!$\(c)$\(rows.lowerBound + 2):$\(c)$\(rows.upperBound + 1)"
        }
        func text(_ cell: ExportCell?) -> String {
            switch cell {
            case let .text(t)?: t
            case let .int(n)?: String(n)
            default: ""
            }
        }
        func number(_ cell: ExportCell?) -> String? {
            switch cell {
            case let .int(n)?: String(n)
            case let .percent(p)?: String(p)
            case let .hours(h)?: String(h / 3600)
            default: nil
            }
        }
        let categories = chart.rows.map { text(table.rows[$0][safe: chart.categoryColumn]) }
        var series = ""
        for (index, column) in chart.seriesColumns.enumerated() {
            let name: String
            let nameRef: String
            if let row = chart.namesRow {
                name = text(table.rows[row][safe: column])
                nameRef = "\(quoted)!$\(XLSXSheet.columnName(column))$\(row + 2)"
            } else {
                name = table.headers[safe: column] ?? ""
                nameRef = "\(quoted)!$\(XLSXSheet.columnName(column))$1"
            }
            series += ##"<c:ser><c:idx val="\##(index)"/><c:order val="\##(index)"/>"##
            series += ##"<c:tx><c:strRef><c:f>\##(XMLText.escape(nameRef))</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>\##(XMLText.escape(name))</c:v></c:pt></c:strCache></c:strRef></c:tx>"##
            let colour = chart.colours[safe: index] ?? "888888"
            series += ##"<c:spPr><a:solidFill><a:srgbClr val="\##(colour)"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>"##
            if chart.kind == .columns {
                series += ##"<c:dLbls><c:numFmt formatCode="0%" sourceLinked="0"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>"##
            }
            series += ##"<c:cat><c:strRef><c:f>\##(XMLText.escape(ref(chart.categoryColumn, chart.rows)))</c:f><c:strCache><c:ptCount val="\##(categories.count)"/>"##
            for (i, category) in categories.enumerated() { series += ##"<c:pt idx="\##(i)"><c:v>\##(XMLText.escape(category))</c:v></c:pt>"## }
            series += "</c:strCache></c:strRef></c:cat>"
            series += ##"<c:val><c:numRef><c:f>\##(XMLText.escape(ref(column, chart.rows)))</c:f><c:numCache><c:formatCode>\##(chart.percent ? "0%" : "General")</c:formatCode><c:ptCount val="\##(chart.rows.count)"/>"##
            for (i, row) in chart.rows.enumerated() {
                if let value = number(table.rows[row][safe: column]) { series += ##"<c:pt idx="\##(i)"><c:v>\##(value)</c:v></c:pt>"## }
            }
            series += "</c:numCache></c:numRef></c:val></c:ser>"
        }
        let bars = chart.kind == .stackedBars
        var out = XLSXParts.header
        out += ##"<c:chartSpace xmlns:c="\##(chartNamespace)" xmlns:a="\##(drawingNamespace)" xmlns:r="\##(XLSXParts.relationships)">"##
        out += "<c:roundedCorners val=\"0\"/><c:chart>"
        out += ##"<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr><a:r><a:rPr lang="ru-RU" sz="1400" b="1"/><a:t>\##(XMLText.escape(chart.title))</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>"##
        out += "<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>"
        out += ##"<c:barChart><c:barDir val="\##(bars ? "bar" : "col")"/><c:grouping val="\##(bars ? "stacked" : "clustered")"/><c:varyColors val="0"/>"##
        out += series
        out += ##"<c:gapWidth val="\##(bars ? 40 : 80)"/>"## + (bars ? "<c:overlap val=\"100\"/>" : "")
        out += "<c:axId val=\"100\"/><c:axId val=\"200\"/></c:barChart>"
        // Departments top to bottom in the table's order (a bar chart's categories start at the bottom).
        out += ##"<c:catAx><c:axId val="100"/><c:scaling><c:orientation val="\##(bars ? "maxMin" : "minMax")"/></c:scaling><c:delete val="0"/><c:axPos val="\##(bars ? "l" : "b")"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="200"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>"##
        out += ##"<c:valAx><c:axId val="200"/><c:scaling><c:orientation val="minMax"/>\##(chart.percent ? #"<c:max val="1"/><c:min val="0"/>"# : "")</c:scaling><c:delete val="0"/><c:axPos val="\##(bars ? "b" : "l")"/><c:majorGridlines/><c:numFmt formatCode="\##(chart.percent ? "0%" : "0")" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="100"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>"##
        out += "</c:plotArea>"
        if chart.seriesColumns.count > 1 { out += "<c:legend><c:legendPos val=\"t\"/><c:overlay val=\"0\"/></c:legend>" }
        out += "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart></c:chartSpace>"
        return out
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
