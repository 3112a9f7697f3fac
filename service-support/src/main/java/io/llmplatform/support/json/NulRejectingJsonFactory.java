package io.llmplatform.support.json;

import java.io.DataInput;
import java.io.InputStream;
import java.io.Reader;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Jackson's JSON factory, with every blocking parser it creates wrapped in a {@link NulRejectingParser}. PostgreSQL
 * cannot store NUL in text, and no client has a reason to send it, so a service refuses it where JSON is read rather
 * than failing where it is stored. (Jackson's non-blocking parser, which WebFlux uses only to split streams of JSON
 * values, is left as it is; no service stores what it reads that way.)
 */
public final class NulRejectingJsonFactory extends JsonFactory {

    public NulRejectingJsonFactory() {
        super();
    }

    private NulRejectingJsonFactory(NulRejectingJsonFactory source) {
        super(source);
    }

    @Override
    public NulRejectingJsonFactory copy() {
        return new NulRejectingJsonFactory(this);
    }

    @Override
    public NulRejectingJsonFactory snapshot() {
        return this;
    }

    @Override
    protected JsonParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, InputStream in) {
        return new NulRejectingParser(super._createParser(readCtxt, ioCtxt, in));
    }

    @Override
    protected JsonParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, Reader reader) {
        return new NulRejectingParser(super._createParser(readCtxt, ioCtxt, reader));
    }

    @Override
    protected JsonParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, char[] data, int offset,
            int length, boolean recyclable) {
        return new NulRejectingParser(super._createParser(readCtxt, ioCtxt, data, offset, length, recyclable));
    }

    @Override
    protected JsonParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, byte[] data, int offset,
            int length) {
        return new NulRejectingParser(super._createParser(readCtxt, ioCtxt, data, offset, length));
    }

    @Override
    protected JsonParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, DataInput input) {
        return new NulRejectingParser(super._createParser(readCtxt, ioCtxt, input));
    }
}
