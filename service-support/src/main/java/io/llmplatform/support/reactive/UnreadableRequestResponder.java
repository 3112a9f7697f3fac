package io.llmplatform.support.reactive;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.support.RequestIds;
import io.llmplatform.support.error.ApiError;
import io.llmplatform.support.error.ErrorBody;
import io.llmplatform.support.error.ErrorBodyFactory;
import io.llmplatform.support.limits.RequestLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a request that cannot be read with the platform's error body, where Reactor Netty and Spring send an empty
 * one: what Netty could not decode (a request line or headers over the server's ceiling, a malformed request line),
 * and a request target that is no URI (a raw backslash, space or quote, a broken {@code %} escape), which Spring
 * refuses before any filter. It sits right after the HTTP codec, so such a request never reaches the application.
 * When the request line was too long Netty never read the path: the body is then a problem, whatever the path was.
 * The connection closes after the answer, as Netty's would.
 */
@ChannelHandler.Sharable
final class UnreadableRequestResponder extends ChannelInboundHandlerAdapter {

    static final String NAME = "platform.unreadableRequests";
    /** The path Netty gives a request whose request line it could not read. */
    private static final String UNREAD_PATH = "/bad-request";
    private static final boolean[] URI_CHARACTERS = new boolean[128];

    static {
        String allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$&'()*+,;=";
        for (char c : allowed.toCharArray()) {
            URI_CHARACTERS[c] = true;
        }
    }

    private final ErrorBodyFactory bodies;
    private final JsonMapper json;

    UnreadableRequestResponder(ErrorBodyFactory bodies, JsonMapper json) {
        this.bodies = bodies;
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (!(message instanceof HttpRequest request)
                || !request.decoderResult().isFailure() && isUriReference(request.uri())) {
            context.fireChannelRead(message);
            return;
        }
        Throwable cause = request.decoderResult().cause();
        String path = cause instanceof TooLongHttpLineException || UNREAD_PATH.equals(request.uri()) ? null
                : request.uri().split("\\?", 2)[0];
        String requestId = RequestIds.acceptOrGenerate(request.headers().get(RequestIds.HEADER));
        ReferenceCountUtil.release(message);
        ErrorBody body = bodies.create(describe(cause), path, null, requestId);
        byte[] bytes = json.writeValueAsBytes(body.body());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(body.status()), Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, body.contentType().toString())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(RequestIds.HEADER, requestId);
        context.channel().config().setAutoRead(false);
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    static ApiError describe(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return RequestLimits.URI_OVER_SERVER_CEILING;
        }
        if (cause == null) {
            return ApiError.requestRejected();
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return RequestLimits.HEADERS_OVER_SERVER_CEILING;
        }
        return ApiError.of(ErrorCode.REQUEST_REJECTED, "The request could not be read: a malformed request line or "
                + "header");
    }

    /** Whether {@code target} holds only what RFC 3986 allows in a URI reference, {@code %} escapes well formed. */
    static boolean isUriReference(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                        || Character.digit(target.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (c >= 128 || !URI_CHARACTERS[c]) {
                return false;
            }
        }
        return true;
    }
}
