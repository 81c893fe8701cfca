import { escapeAttribute } from '../qbxml/requests/qbxml-writer';

const NS = 'http://developer.intuit.com/';

/** Each callback's parameters in wire order, and its result type. Data: the WSDL is written from it. */
export const QBWC_OPERATIONS: Readonly<
  Record<string, { readonly params: readonly (readonly [string, 'string' | 'int'])[]; readonly result: 'string' | 'int' | 'ArrayOfString' }>
> = {
  serverVersion: { params: [], result: 'string' },
  clientVersion: { params: [['strVersion', 'string']], result: 'string' },
  authenticate: {
    params: [
      ['strUserName', 'string'],
      ['strPassword', 'string'],
    ],
    result: 'ArrayOfString',
  },
  sendRequestXML: {
    params: [
      ['ticket', 'string'],
      ['strHCPResponse', 'string'],
      ['strCompanyFileName', 'string'],
      ['qbXMLCountry', 'string'],
      ['qbXMLMajorVers', 'int'],
      ['qbXMLMinorVers', 'int'],
    ],
    result: 'string',
  },
  receiveResponseXML: {
    params: [
      ['ticket', 'string'],
      ['response', 'string'],
      ['hresult', 'string'],
      ['message', 'string'],
    ],
    result: 'int',
  },
  connectionError: {
    params: [
      ['ticket', 'string'],
      ['hresult', 'string'],
      ['message', 'string'],
    ],
    result: 'string',
  },
  getLastError: { params: [['ticket', 'string']], result: 'string' },
  closeConnection: { params: [['ticket', 'string']], result: 'string' },
};

function element(name: string, type: 'string' | 'int' | 'ArrayOfString'): string {
  if (type === 'int') return `<s:element minOccurs="1" maxOccurs="1" name="${name}" type="s:int"/>`;
  if (type === 'ArrayOfString') return `<s:element minOccurs="0" maxOccurs="1" name="${name}" type="tns:ArrayOfString"/>`;
  return `<s:element minOccurs="0" maxOccurs="1" name="${name}" type="s:string"/>`;
}

/**
 * Our own WSDL for the Web Connector service: document/literal, one SOAP 1.1 port (a second,
 * unimplemented 1.2 port makes `soap` answer empty bodies, see toolchain notes), and the
 * address the partners' Web Connectors use.
 */
export function buildQbwcWsdl(endpoint: string): string {
  const ops = Object.entries(QBWC_OPERATIONS);
  const types = ops
    .map(
      ([name, op]) =>
        `<s:element name="${name}"><s:complexType><s:sequence>${op.params.map(([p, t]) => element(p, t)).join('')}</s:sequence></s:complexType></s:element>` +
        `<s:element name="${name}Response"><s:complexType><s:sequence>${element(`${name}Result`, op.result)}</s:sequence></s:complexType></s:element>`,
    )
    .join('\n');
  const messages = ops
    .map(
      ([name]) =>
        `<wsdl:message name="${name}SoapIn"><wsdl:part name="parameters" element="tns:${name}"/></wsdl:message><wsdl:message name="${name}SoapOut"><wsdl:part name="parameters" element="tns:${name}Response"/></wsdl:message>`,
    )
    .join('\n');
  const portOps = ops
    .map(([name]) => `<wsdl:operation name="${name}"><wsdl:input message="tns:${name}SoapIn"/><wsdl:output message="tns:${name}SoapOut"/></wsdl:operation>`)
    .join('\n');
  const bindingOps = ops
    .map(
      ([name]) =>
        `<wsdl:operation name="${name}"><soap:operation soapAction="${NS}${name}" style="document"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="${NS}">
<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${NS}">
<s:complexType name="ArrayOfString"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string"/></s:sequence></s:complexType>
${types}
</s:schema></wsdl:types>
${messages}
<wsdl:portType name="QBWebConnectorSvcSoap">${portOps}</wsdl:portType>
<wsdl:binding name="QBWebConnectorSvcSoap" type="tns:QBWebConnectorSvcSoap"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOps}</wsdl:binding>
<wsdl:service name="QBWebConnectorSvc"><wsdl:port name="QBWebConnectorSvcSoap" binding="tns:QBWebConnectorSvcSoap"><soap:address location="${escapeAttribute(endpoint)}"/></wsdl:port></wsdl:service>
</wsdl:definitions>
`;
}
