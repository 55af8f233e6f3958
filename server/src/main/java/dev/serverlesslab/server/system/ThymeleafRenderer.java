package dev.serverlesslab.server.system;

import dev.serverlesslab.server.account.Viewer;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates under {@code templates/} on the class path for {@code ctx.render(...)}; Javalin's
 * own Thymeleaf plugin does not resolve from Maven Central here, and this is all of it we need.
 */
public final class ThymeleafRenderer implements FileRenderer {

    /** About 17 MB of 27 KB lesson pages with their gzip: a class's recent pages, not every page ever shown. */
    private static final int KEPT_PAGES = 512;

    private final TemplateEngine engine = new TemplateEngine();
    private final boolean keeping = !"0".equals(System.getProperty("serverlesslab.pageCache"));
    private final Map<List<Object>, RenderedPage> kept = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, RenderedPage> eldest) {
                    return size() > KEPT_PAGES;
                }
            });
    private final StaticAssets assets;
    private final BiConsumer<Context, Map<String, Object>> pageExtras;

    public ThymeleafRenderer() {
        this(new StaticAssets(), (ctx, model) -> { });
    }

    /**
     * @param assets     the versioned addresses of stylesheets and scripts, {@code assets} in every template
     * @param pageExtras adds to every page's model what the layout shows on all pages (e.g. live reload's version
     *                   and content problems)
     */
    public ThymeleafRenderer(StaticAssets assets, BiConsumer<Context, Map<String, Object>> pageExtras) {
        this.assets = assets;
        this.pageExtras = pageExtras;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ThymeleafRenderer.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setLinkBuilder(new RootLinkBuilder());
    }

    /**
     * Renders for a request: adds {@code signedIn}, the signed-in {@link Viewer} (class mode) or null, which the
     * layout's user menu shows on every page, and the page extras.
     */
    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        Map<String, Object> variables = new HashMap<>(model);
        extras(ctx).forEach(variables::putIfAbsent);
        return render(template, variables);
    }

    /**
     * A page kept once rendered ({@code -Dserverlesslab.pageCache=0} renders every time): rendered from {@code model}
     * only when no page was kept for {@code key} and what this renderer adds for the request (the signed-in viewer,
     * the page extras). The caller's key must name everything the model is made of, e.g. the lesson, the content's
     * version and the viewer's progress version: then an equal key renders equal bytes, and a hit costs a lookup.
     */
    public RenderedPage renderKept(Context ctx, String template, Object key, Supplier<Map<String, ?>> model) {
        Map<String, Object> extras = extras(ctx);
        if (!keeping) {
            return RenderedPage.of(render(template, model.get(), extras));
        }
        List<Object> whole = List.of(template, key, extras);
        RenderedPage page = kept.get(whole);
        if (page == null) {
            page = RenderedPage.of(render(template, model.get(), extras));
            kept.put(whole, page);
        }
        return page;
    }

    private String render(String template, Map<String, ?> model, Map<String, Object> extras) {
        Map<String, Object> variables = new HashMap<>(model);
        extras.forEach(variables::putIfAbsent);
        return render(template, variables);
    }

    /** What every page's model gets for this request besides the handler's own. */
    private Map<String, Object> extras(Context ctx) {
        Map<String, Object> extras = new HashMap<>();
        extras.put("signedIn", Viewer.find(ctx).filter(Viewer::isSignedIn).orElse(null));
        pageExtras.accept(ctx, extras);
        return extras;
    }

    /**
     * Renders a template by its path below {@code templates/}, without the {@code .html} suffix; {@code assets} (see
     * {@link StaticAssets#url}) is always in the model.
     */
    public String render(String template, Map<String, ?> model) {
        org.thymeleaf.context.Context context = new org.thymeleaf.context.Context(Locale.ENGLISH);
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("assets", assets);
        context.setVariables(variables);
        return engine.process(template, context);
    }

    /**
     * Lets {@code @{/lessons/{id}}} links work outside a servlet context: the app is always served from the root, and
     * Thymeleaf would otherwise refuse context-relative links (it still URL-encodes their parameters).
     */
    private static final class RootLinkBuilder extends StandardLinkBuilder {
        @Override
        protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
            return "";
        }
    }
}
