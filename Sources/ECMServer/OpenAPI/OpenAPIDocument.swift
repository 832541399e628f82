import Hummingbird

/// The OpenAPI 3.1 description of the whole API (the spec and its extensions), compiled into
/// the binary from `openapi.json` beside this file.
public enum OpenAPIDocument {
    public static var bytes: [UInt8] { PackageResources.openapi_json }

    static func response() -> Response {
        Response(
            status: .ok, headers: [.contentType: JSONResponse.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
