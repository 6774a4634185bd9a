/** Detectors that turn the timeline into findings (cadence, restart loops, bursts); filled by a later issue. */
package io.faultline.analysis;
