import { SharedStrings, Sheet } from './sheet';
import { StyleSheet } from './styles';
import { THEME_XML } from './theme';
import { esc, XML_DECLARATION } from './xml';
import { zip, type ZipEntry } from './zip';

// A SpreadsheetML package (.xlsx): the sheets, the strings and looks they share, the workbook
// part that lists them with their defined names, and the package's relationships and properties.
// It knows cells and formulas, nothing of releases; src/write/workbook fills it.

export interface WorkbookProps {
  creator: string;
  /** When the workbook says it was made and last changed; also every zip entry's date. */
  created: Date;
}

const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet name as a formula writes it: always quoted, apostrophes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export class Workbook {
  readonly sheets: Sheet[] = [];
  private readonly names: { name: string; ref: string }[] = [];

  constructor(readonly props: WorkbookProps) {}

  addSheet(name: string): Sheet {
    const sheet = new Sheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  /** A workbook-wide name for a reference, such as FX for 'Assumptions'!$B$3. */
  defineName(name: string, ref: string): void {
    this.names.push({ name, ref });
  }

  /** The .xlsx bytes; the same workbook gives the same bytes. */
  toBuffer(): Buffer {
    const strings = new SharedStrings();
    const styles = new StyleSheet();
    // Sheets first: writing them collects the strings and looks the other parts list.
    const sheetParts = this.sheets.map((s, i): ZipEntry => ({ name: `xl/worksheets/sheet${i + 1}.xml`, text: s.toXml(strings, styles) }));
    const part = (name: string, text: string | string[]): ZipEntry => ({ name, text });
    return zip([
      part('[Content_Types].xml', this.contentTypes()),
      part('_rels/.rels', `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`),
      part('xl/_rels/workbook.xml.rels', this.workbookRels()),
      ...sheetParts,
      part('xl/sharedStrings.xml', strings.toXml()),
      part('xl/theme/theme1.xml', THEME_XML),
      part('xl/styles.xml', styles.toXml()),
      part('docProps/app.xml', this.appProps()),
      part('docProps/core.xml', this.coreProps()),
      part('xl/workbook.xml', this.workbookXml()),
    ], this.props.created);
  }

  private contentTypes(): string {
    const sheets = this.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SHEET_TYPE}"/>`).join('');
    return `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets}<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  }

  /** rId1–3 are the styles, theme and strings; the sheets follow from rId4. */
  private workbookRels(): string {
    const sheets = this.sheets.map((_, i) => `<Relationship Id="rId${i + 4}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
    return `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL}/theme" Target="theme/theme1.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>${sheets}</Relationships>`;
  }

  private workbookXml(): string {
    const sheets = this.sheets.map((s, i) => `<sheet sheetId="${i + 1}" name="${esc(s.name)}" state="visible" r:id="rId${i + 4}"/>`).join('');
    const names = [
      ...this.names.map((n) => `<definedName name="${esc(n.name)}">${esc(n.ref)}</definedName>`),
      // A sheet's print titles are a name local to that sheet.
      ...this.sheets.map((s, i) => {
        const rows = s.page?.titleRows;
        return rows ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(`${quoteSheet(s.name)}!$${rows[0]}:$${rows[1]}`)}</definedName>` : '';
      }),
    ].join('');
    // fullCalcOnLoad: Excel recalculates on open; the cached results serve viewers that do not.
    return `${XML_DECLARATION}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/><sheets>${sheets}</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>`;
  }

  private appProps(): string {
    const n = this.sheets.length;
    const titles = this.sheets.map((s) => `<vt:lpstr>${esc(s.name)}</vt:lpstr>`).join('');
    return `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts><Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>`;
  }

  private coreProps(): string {
    const when = this.props.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const who = esc(this.props.creator);
    return `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${who}</dc:creator><dc:title></dc:title><dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords><cp:category></cp:category><cp:lastModifiedBy>${who}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
  }
}
