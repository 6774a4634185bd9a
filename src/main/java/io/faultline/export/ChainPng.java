package io.faultline.export;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The chain graph as a PNG: the same picture as {@link SvgExporter.View#CHAIN}, laid out by {@link ChainLayout} and
 * drawn with Java2D into an image (no display, no JavaFX), at {@code scale} times its size in points.
 */
public final class ChainPng {
    private ChainPng() {
    }

    public static void export(Evidence ev, AnnotationLayer ann, ExportOptions o, double scale, OutputStream out) throws IOException {
        TimeWindow w = o.range() == null ? ev.window() : o.range();
        if (w == null) {
            throw new IllegalArgumentException("nothing to export: the evidence has no time window and no range was given");
        }
        ChainLayout c = new ChainLayout(ev, ann, w, new ReportTimes(ev));
        int width = (int) Math.ceil(c.width * scale);
        int height = (int) Math.ceil(c.height * scale);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.scale(scale, scale);
            draw(g, c);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        out.flush();
    }

    private static void draw(Graphics2D g, ChainLayout c) {
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        g.setColor(Color.decode("#1f2328"));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Causal chain" + (c.nodes.isEmpty() ? ": no notes in this range" : ""), (float) ChainLayout.MARGIN, (float) ChainLayout.MARGIN + 14);
        for (ChainLayout.Edge e : c.edges) {
            Color colour = Color.decode(ChainLayout.linkColour(e.link().type(), e.warning()));
            g.setColor(colour);
            g.setStroke(e.warning() ? new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0)
                    : new BasicStroke(1.8f));
            Point2D tip;
            Point2D before;
            double lx;
            double ly;
            if (e.lift() == 0) {
                double y = c.rowY + ChainLayout.BOX_H / 2;
                Line2D line = new Line2D.Double(e.from().x() + ChainLayout.BOX_W, y, e.to().x() - 2, y);
                g.draw(line);
                tip = line.getP2();
                before = line.getP1();
                lx = (e.from().x() + ChainLayout.BOX_W + e.to().x()) / 2;
                ly = y - 8;
            } else {
                double sign = e.above() ? -1 : 1;
                double fy = c.rowY + (e.above() ? 0 : ChainLayout.BOX_H);
                double fx = e.from().centerX();
                double tx = e.to().centerX();
                double cy = fy + sign * e.lift() * 1.3;
                g.draw(new CubicCurve2D.Double(fx, fy, fx, cy, tx, cy, tx, fy));
                tip = new Point2D.Double(tx, fy);
                before = new Point2D.Double(tx, cy);
                lx = (fx + tx) / 2;
                ly = fy + sign * e.lift() + (e.above() ? -4 : 12);
            }
            arrowHead(g, before, tip);
            g.setFont(small);
            String label = (e.warning() ? "⚠ " : "") + e.link().type().label();
            g.setColor(Color.decode("#6639ba"));
            g.drawString(label, (float) (lx - g.getFontMetrics().stringWidth(label) / 2.0), (float) ly);
        }
        g.setStroke(new BasicStroke(1.5f));
        for (ChainLayout.Node n : c.nodes) {
            Annotation a = n.note();
            Color colour = Color.decode(ChainLayout.severityColour(a.severity()));
            RoundRectangle2D box = new RoundRectangle2D.Double(n.x(), n.y(), ChainLayout.BOX_W, ChainLayout.BOX_H, 12, 12);
            g.setColor(Color.WHITE);
            g.fill(box);
            g.setColor(colour);
            g.draw(box);
            g.fill(new java.awt.geom.Rectangle2D.Double(n.x(), n.y(), 5, ChainLayout.BOX_H));
            g.setColor(Color.decode("#1f2328"));
            g.setFont(bold);
            g.drawString(a.id() + " · " + n.time() + " · " + a.severity().key(), (float) n.x() + 12, (float) n.y() + 17);
            g.setFont(plain);
            double ty = n.y() + 35;
            for (String l : ChainLayout.wrap(a.note(), 30, 3)) {
                g.drawString(l, (float) n.x() + 12, (float) ty);
                ty += 15;
            }
        }
    }

    private static void arrowHead(Graphics2D g, Point2D from, Point2D tip) {
        double angle = Math.atan2(tip.getY() - from.getY(), tip.getX() - from.getX());
        Path2D head = new Path2D.Double();
        head.moveTo(0, 0);
        head.lineTo(-9, -4.5);
        head.lineTo(-9, 4.5);
        head.closePath();
        AffineTransform t = AffineTransform.getTranslateInstance(tip.getX(), tip.getY());
        t.rotate(angle);
        g.setStroke(new BasicStroke(1));
        g.fill(t.createTransformedShape(head));
    }
}
