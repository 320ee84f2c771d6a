"""DrawingML charts and drawings for the sheets we add."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kinerja_xl.model import column_letters
from kinerja_xl.writers.ooxml.parts import REL_NS, XML_HEAD, xml_attr, xml_text

if TYPE_CHECKING:
    from kinerja_xl.writers.sheet_spec import ChartSpec

EMU_PER_CM = 360000


def _rich(text: str, size: int = 1200) -> str:
    return (
        f'<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}" b="1"/></a:pPr><a:r>'
        f'<a:rPr lang="en-US" sz="{size}" b="1"/><a:t>{xml_text(text)}'
        f'</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>'
    )


def _text_props(size: int) -> str:
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"/></a:pPr>'
        '<a:endParaRPr lang="en-US"/></a:p></c:txPr>'
    )


def _range(q: str, box: tuple[int, int, int, int]) -> str:
    c1, r1, c2, r2 = box
    return f"{q}!${column_letters(c1)}${r1}:${column_letters(c2)}${r2}"


def chart_ranges(sheet: str, chart: ChartSpec) -> tuple[str, str]:
    """(categories, values) formulas of a summary_sheet.ChartSpec on a sheet."""
    q = "'" + sheet.replace("'", "''") + "'"
    return _range(q, chart.cats), _range(q, chart.vals)


def _labels(chart: Any) -> str:
    if not chart.labels:
        return ""
    return (
        f'<c:dLbls><c:numFmt formatCode="{xml_attr(chart.num_format)}" sourceLinked="0"/>'
        f"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_text_props(800)}"
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
        '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    )


def _series(index: int, name: str, points: str, labels: str, cats: str, vals: str, line: bool, fill: str = "") -> str:
    tx = f"<c:tx><c:v>{xml_text(name)}</c:v></c:tx>" if name else ""
    sppr = f'<c:spPr><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></c:spPr>' if fill else ""
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>{tx}{sppr}'
        + ("" if line else '<c:invertIfNegative val="0"/>')
        + points
        + labels
        + f"<c:cat><c:strRef><c:f>{xml_text(cats)}</c:f></c:strRef></c:cat>"
        + f"<c:val><c:numRef><c:f>{xml_text(vals)}</c:f></c:numRef></c:val>"
        + ('<c:smooth val="0"/>' if line else "")
        + "</c:ser>"
    )


def chart_xml(sheet: str, chart: Any) -> bytes:
    """A column, bar or line chart (summary_sheet.ChartSpec): point colours, value labels, a second
    series beside the first when asked, the value axis from its minimum in the language's format."""
    cats, vals = chart_ranges(sheet, chart)
    line = chart.kind == "line"
    points = "".join(
        f'<c:dPt><c:idx val="{i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill>'
        f'<a:srgbClr val="{rgb}"/></a:solidFill></c:spPr></c:dPt>'
        for i, rgb in enumerate(chart.colors)
        if rgb and not line
    )
    labels = _labels(chart)
    series = _series(0, chart.name, points, labels, cats, vals, line, chart.color or "")
    legend = ""
    if chart.vals2 is not None:
        q = "'" + sheet.replace("'", "''") + "'"
        series += _series(1, chart.name2, "", labels, cats, _range(q, chart.vals2), line, chart.color2 or "")
        legend = '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
    if line:
        plot = f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}<c:marker val="1"/>'
        plot += '<c:axId val="10"/><c:axId val="100"/></c:lineChart>'
    else:
        bar_dir = "bar" if chart.kind == "bar" else "col"
        plot = f'<c:barChart><c:barDir val="{bar_dir}"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        plot += f'{series}<c:gapWidth val="60"/><c:axId val="10"/><c:axId val="100"/></c:barChart>'
    cat_pos, val_pos = ("l", "b") if chart.kind == "bar" else ("b", "l")
    scaling = '<c:orientation val="minMax"/>'
    if chart.y_max is not None:
        scaling += f'<c:max val="{chart.y_max:g}"/>'
    if chart.y_min is not None:
        scaling += f'<c:min val="{chart.y_min:g}"/>'
    major = "<c:majorGridlines/>"
    if chart.major_unit:  # the one dark gridline at each major unit: the line at 100
        major = (
            '<c:majorGridlines><c:spPr><a:ln w="15875"><a:solidFill><a:srgbClr val="404040"/></a:solidFill>'
            "</a:ln></c:spPr></c:majorGridlines>"
        )
    minor = (
        '<c:minorGridlines><c:spPr><a:ln w="3175"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln>'
        "</c:spPr></c:minorGridlines>"
        if chart.minor_unit
        else ""
    )
    units = (f'<c:majorUnit val="{chart.major_unit:g}"/>' if chart.major_unit else "") + (
        f'<c:minorUnit val="{chart.minor_unit:g}"/>' if chart.minor_unit else ""
    )
    return (
        XML_HEAD + '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{REL_NS}"><c:roundedCorners val="0"/><c:chart>'
        f'<c:title>{_rich(chart.title)}</c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        f"{plot}"
        '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{cat_pos}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="low"/>{_text_props(800)}<c:crossAx val="100"/>'
        '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="100"/><c:scaling>{scaling}</c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{val_pos}"/>{major}{minor}<c:title>{_rich(chart.y_title, 900)}</c:title>'
        f'<c:numFmt formatCode="{xml_attr(chart.axis_format)}" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{_text_props(800)}<c:crossAx val="10"/>'
        f'<c:crosses val="autoZero"/><c:crossBetween val="between"/>{units}</c:valAx></c:plotArea>'
        f'{legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    ).encode("utf-8")


def drawing_xml(charts: list[tuple[Any, str]]) -> bytes:
    """A drawing holding the charts (ChartSpec, relationship id), each at its anchor cell."""
    anchors = []
    for n, (chart, chart_rid) in enumerate(charts, 1):
        cx, cy = (round(v * EMU_PER_CM) for v in chart.size_cm)
        col, row = chart.anchor
        anchors.append(
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col - 1}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{cx}" cy="{cy}"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
            f'<xdr:cNvPr id="{n + 1}" name="Chart {n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>'
            '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            f'xmlns:r="{REL_NS}" r:id="{chart_rid}"/></a:graphicData></a:graphic></xdr:graphicFrame>'
            "<xdr:clientData/></xdr:oneCellAnchor>"
        )
    return (
        XML_HEAD + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' + "".join(anchors) + "</xdr:wsDr>"
    ).encode("utf-8")
